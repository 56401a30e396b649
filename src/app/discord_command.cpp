// paperboy discord register-commands [--guild ID]: PUT the /papers command (bulk overwrite).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <iostream>

#include "commands.hpp"
#include "paperboy/chat/discord/interactions.hpp"
#include "paperboy/chat/discord/rest.hpp"
#include "paperboy/metrics/registry.hpp"

namespace paperboy::app {

int discord_command(const config::config& cfg, const boost::program_options::variables_map& args) {
    const std::string action = args.count("action") ? args["action"].as<std::string>() : "";
    if (action != "register-commands") {
        std::cerr << "paperboy discord: expected register-commands"
                  << (action.empty() ? "" : ", not " + action) << "\n";
        return 2;
    }
    if (!cfg.secret.discord_bot_token || !cfg.secret.discord_application_id) {
        std::cerr << "paperboy discord register-commands: needs DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID\n";
        return 2;
    }
    const std::string guild = args.count("guild") ? args["guild"].as<std::string>() : "";
    if (!guild.empty() && guild.find_first_not_of("0123456789") != std::string::npos) {
        std::cerr << "paperboy discord register-commands: --guild expects a guild id (digits)\n";
        return 2;
    }
    boost::asio::io_context ioc(1);
    metrics::registry metrics;
    net::http_client http(ioc.get_executor(), cfg.http_client, cfg.upstreams, metrics,
                          net::proxy_settings::from_environment(config::process_environment()));
    chat::discord::rest_client rest(http, {cfg.upstream("discord").base_url, cfg.secret.discord_bot_token->reveal()});
    const std::string path = "/applications/" + cfg.secret.discord_application_id->reveal() +
                             (guild.empty() ? "" : "/guilds/" + guild) + "/commands";
    result<chat::discord::rest_reply> reply;
    auto put = [](chat::discord::rest_client& rest, std::string path) {
        return rest.call("PUT", std::move(path), chat::discord::papers_command_definitions());
    };
    boost::asio::co_spawn(ioc, put(rest, path), [&](std::exception_ptr e, result<chat::discord::rest_reply> r) {
        if (!e) reply = std::move(r);
    });
    ioc.run();
    const std::string where = guild.empty() ? "globally (may take up to an hour to show)" : "in guild " + guild;
    if (!reply) {
        std::cerr << "paperboy discord register-commands: " << reply.err().message << "\n";
        return 1;
    }
    if (!reply->ok()) {
        std::cerr << "paperboy discord register-commands: Discord refused: " << chat::discord::describe(*reply) << "\n";
        return 1;
    }
    std::cout << "registered " << where << ":\n";
    if (reply->body.is_array())
        for (const auto& c : reply->body) {
            std::cout << "  /" << c.value("name", "?") << " (id " << c.value("id", "?") << "):";
            if (c.contains("options") && c["options"].is_array())
                for (const auto& o : c["options"]) std::cout << " " << o.value("name", "?");
            std::cout << "\n";
        }
    return 0;
}

}  // namespace paperboy::app
