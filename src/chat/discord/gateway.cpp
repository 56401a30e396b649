#include "paperboy/chat/discord/gateway.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <random>

#include "paperboy/async/semaphore.hpp"
#include "paperboy/net/websocket.hpp"

namespace paperboy::chat::discord {

namespace asio = boost::asio;
using asio::awaitable;
using json = nlohmann::json;
using std::chrono::milliseconds;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

double random01() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

awaitable<void> sleep_for(milliseconds d) {
    asio::steady_timer t(co_await asio::this_coro::executor, d);
    co_await t.async_wait(tuple_awaitable);
}

std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "wss://gateway.discord.gg" → "wss://gateway.discord.gg/?v=10&encoding=json".
std::string with_query(std::string url) {
    if (url.find('?') != std::string::npos) return url;
    const auto scheme_end = url.find("://");
    if (url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3) == std::string::npos) url += "/";
    return url + "?v=10&encoding=json";
}

}  // namespace

bool fatal_close(int code) { return code == 4004 || (code >= 4010 && code <= 4014); }

std::string describe_close(int code) {
    switch (code) {
        case 4004: return "4004 authentication failed: DISCORD_BOT_TOKEN is wrong or was reset";
        case 4010: return "4010 invalid shard";
        case 4011: return "4011 sharding required";
        case 4012: return "4012 invalid API version";
        case 4013: return "4013 invalid intents";
        case 4014:
            return "4014 disallowed intents: switch on Message Content Intent (Developer Portal > Bot > "
                   "Privileged Gateway Intents)";
        default: return std::to_string(code);
    }
}

// One connection's heartbeat: shared with the coroutine that sends them.
struct gateway::beat {
    explicit beat(asio::any_io_executor ex) : timer(ex), writes(ex, 1) {}
    asio::steady_timer timer;
    async::semaphore writes;  // one frame written at a time
    bool acked = true, done = false, zombie = false;
    long long* seq = nullptr;
};

namespace {

awaitable<std::optional<error>> send_frame(std::shared_ptr<net::websocket> ws, async::semaphore& writes, json frame) {
    auto held = co_await writes.hold();
    co_return co_await ws->write(frame.dump());
}

json heartbeat_frame(long long seq) { return json{{"op", 1}, {"d", seq < 0 ? json(nullptr) : json(seq)}}; }

}  // namespace

gateway::gateway(asio::any_io_executor executor, net::http_client& http, rest_client& rest, adapter& messages,
                 gateway_options options)
    : executor_(executor), http_(http), rest_(rest), messages_(messages), options_(std::move(options)) {}

gateway::~gateway() = default;

std::string gateway::problem() const {
    std::lock_guard lock(problem_mutex_);
    return problem_;
}

void gateway::fail_for_good(std::string why) {
    spdlog::critical("discord: the Gateway stopped: {}; thread replies are not seen until this is fixed and "
                     "paperboy restarted",
                     why);
    std::lock_guard lock(problem_mutex_);
    problem_ = "discord gateway: " + why;
}

void gateway::stop() {
    stopping_ = true;
    asio::post(executor_, [this] {
        if (current_) current_->abort();
    });
}

awaitable<bool> gateway::fetch_gateway() {
    auto r = co_await rest_.call("GET", "/gateway/bot", "");
    if (!r) {
        spdlog::warn("discord: GET /gateway/bot failed: {}", r.err().message);
        co_return false;
    }
    if (r->status == 401) {
        fail_for_good("GET /gateway/bot: 401 (DISCORD_BOT_TOKEN rejected)");
        co_return false;
    }
    if (!r->ok() || !r->body.is_object() || str(r->body, "url").empty()) {
        spdlog::warn("discord: GET /gateway/bot: {}", describe(*r));
        co_return false;
    }
    gateway_url_ = str(r->body, "url");
    if (auto limit = r->body.find("session_start_limit"); limit != r->body.end() && limit->is_object()) {
        identify_budget_ = limit->value("remaining", 1);
        budget_reset_ = milliseconds(limit->value("reset_after", 0LL));
    }
    co_return true;
}

awaitable<void> gateway::before_identify() {
    // The daily budget: used up, Discord resets the token if we go on (h.2 10).
    if (identify_budget_ <= 0) {
        spdlog::error("discord: the daily Identify budget is used up; waiting {} s for it to reset",
                      budget_reset_.count() / 1000);
        co_await sleep_for(budget_reset_);
    }
    const auto free_at = last_identify_ + options_.identify_interval;
    if (last_identify_ != std::chrono::steady_clock::time_point{} && free_at > std::chrono::steady_clock::now())
        co_await sleep_for(std::chrono::ceil<milliseconds>(free_at - std::chrono::steady_clock::now()));
    last_identify_ = std::chrono::steady_clock::now();
    --identify_budget_;
}

awaitable<void> gateway::run() {
    next mode = next::identify;
    int failures = 0;
    while (!stopping_) {
        std::string url;
        if (mode == next::resume && !session_id_.empty() && !resume_url_.empty()) {
            url = resume_url_;
        } else {
            mode = next::identify;
            session_id_.clear();
            seq_ = -1;
            if (!co_await fetch_gateway()) {
                if (!problem().empty()) co_return;
                ++failures;
            } else {
                url = gateway_url_;
            }
        }
        if (!url.empty()) {
            const int identified = identifies_.load(), resumed = resumes_.load();
            mode = co_await session(with_query(url), mode == next::resume);
            connected_ = false;
            if (mode == next::stop) co_return;
            // A connection that got as far as READY or RESUMED was a success.
            failures = (identifies_.load() > identified || resumes_.load() > resumed) ? 0 : failures + 1;
        }
        if (stopping_) break;
        const auto cap = std::min<long long>(options_.backoff_max.count(),
                                             options_.backoff_base.count() << std::min(failures, 10));
        const auto wait = milliseconds(static_cast<long long>(failures == 0 ? options_.backoff_base.count() * random01()
                                                                            : cap * (0.5 + 0.5 * random01())));
        co_await sleep_for(wait);
    }
}

awaitable<gateway::next> gateway::session(std::string url, bool resume) {
    auto opened = co_await net::websocket::connect(http_, url, "discord");
    if (!opened) {
        spdlog::warn("discord: cannot connect to the Gateway: {}", opened.err().message);
        co_return resume ? next::resume : next::identify;
    }
    std::shared_ptr<net::websocket> ws(std::move(*opened));
    current_ = ws;
    if (stopping_) ws->abort();
    auto b = std::make_shared<beat>(executor_);
    b->seq = &seq_;
    struct end_beat {
        std::shared_ptr<beat> b;
        std::shared_ptr<net::websocket>& current;
        ~end_beat() {
            b->done = true;
            b->timer.cancel();
            current.reset();
        }
    } ending{b, current_};

    for (;;) {
        auto frame = co_await ws->read();
        if (!frame) {
            if (stopping_) co_return next::stop;
            const int code = frame.err().code;
            if (b->zombie) {
                spdlog::warn("discord: no Heartbeat ACK; reconnecting to resume");
                co_return next::resume;
            }
            if (fatal_close(code)) {
                fail_for_good(describe_close(code));
                co_return next::stop;
            }
            spdlog::info("discord: Gateway connection ended ({}); {}", frame.err().message,
                         code == 4007 || code == 4009 ? "starting a new session" : "resuming");
            co_return code == 4007 || code == 4009 ? next::identify : next::resume;
        }
        auto j = json::parse(*frame, nullptr, false);
        if (!j.is_object() || !j.contains("op") || !j["op"].is_number_integer()) {
            spdlog::warn("discord: unreadable Gateway frame ignored");
            continue;
        }
        const int op = j["op"].get<int>();
        json d = j.contains("d") ? j["d"] : json(nullptr);
        switch (op) {
            case 10: {  // Hello
                const milliseconds interval(d.is_object() ? d.value("heartbeat_interval", 41250LL) : 41250LL);
                auto beater = [](std::shared_ptr<beat> b, std::shared_ptr<net::websocket> ws, milliseconds interval,
                                 milliseconds first) -> awaitable<void> {
                    b->timer.expires_after(first);
                    co_await b->timer.async_wait(tuple_awaitable);
                    while (!b->done) {
                        if (!b->acked) {
                            b->zombie = true;
                            ws->abort();
                            co_return;
                        }
                        b->acked = false;
                        co_await send_frame(ws, b->writes, heartbeat_frame(*b->seq));
                        if (b->done) co_return;
                        b->timer.expires_after(interval);
                        co_await b->timer.async_wait(tuple_awaitable);
                    }
                };
                const auto first = milliseconds(static_cast<long long>(interval.count() * random01()));
                asio::co_spawn(executor_, beater(b, ws, interval, first), asio::detached);
                json hello_reply;
                if (resume) {
                    hello_reply = {{"op", 6}, {"d", {{"token", options_.token}, {"session_id", session_id_}, {"seq", seq_}}}};
                } else {
                    co_await before_identify();
                    hello_reply = {{"op", 2},
                                   {"d",
                                    {{"token", options_.token},
                                     {"intents", options_.intents},
                                     {"properties", {{"os", "linux"}, {"browser", "paperboy"}, {"device", "paperboy"}}}}}};
                }
                if (auto e = co_await send_frame(ws, b->writes, hello_reply)) {
                    spdlog::warn("discord: cannot send {}: {}", resume ? "Resume" : "Identify", e->message);
                    co_return resume ? next::resume : next::identify;
                }
                break;
            }
            case 11: b->acked = true; break;
            case 1: co_await send_frame(ws, b->writes, heartbeat_frame(seq_)); break;
            case 7: {  // Reconnect: a close that is not 1000/1001 keeps the session resumable
                spdlog::info("discord: the Gateway asked to reconnect");
                auto held = co_await b->writes.hold();
                co_await ws->close(4000);
                co_return next::resume;
            }
            case 9: {  // Invalid Session
                const bool resumable = d.is_boolean() && d.get<bool>();
                spdlog::info("discord: invalid session ({})", resumable ? "resumable" : "identifying anew");
                {
                    auto held = co_await b->writes.hold();
                    co_await ws->close(4000);
                }
                if (resumable) co_return next::resume;
                session_id_.clear();
                co_await sleep_for(milliseconds(1000 + static_cast<long long>(4000 * random01())));
                co_return next::identify;
            }
            case 0: {
                if (j.contains("s") && j["s"].is_number_integer()) seq_ = j["s"].get<long long>();
                const std::string type = str(j, "t");
                if (type == "READY") {
                    session_id_ = str(d, "session_id");
                    resume_url_ = str(d, "resume_gateway_url");
                    if (d.contains("user") && d["user"].is_object()) bot_user_ = str(d["user"], "id");
                    ++identifies_;
                    connected_ = true;
                    spdlog::info("discord: Gateway ready as user {}", bot_user_);
                } else if (type == "RESUMED") {
                    ++resumes_;
                    connected_ = true;
                    spdlog::info("discord: Gateway session resumed");
                } else {
                    dispatch(type, d);
                }
                break;
            }
            default: break;
        }
    }
}

void gateway::dispatch(const std::string& type, json& d) {
    if (!d.is_object()) return;
    if (type == "MESSAGE_CREATE") {
        messages_.on_message(std::move(d), bot_user_);
    } else if (type == "THREAD_CREATE" || type == "THREAD_UPDATE") {
        messages_.remember_thread(str(d, "id"), str(d, "parent_id"));
    } else if (type == "GUILD_CREATE" || type == "THREAD_LIST_SYNC") {
        if (auto threads = d.find("threads"); threads != d.end() && threads->is_array())
            for (const auto& t : *threads)
                if (t.is_object()) messages_.remember_thread(str(t, "id"), str(t, "parent_id"));
    }
}

}  // namespace paperboy::chat::discord
