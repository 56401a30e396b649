#pragma once
// What paperboy does with what Slack sends, whichever way it came (the HTTP routes or a Socket
// Mode connection): typed slash commands, events and button presses in, what to acknowledge out.
// Each is answered at once where it can be (help, usage, settings: the immediate answer travels in
// the acknowledgement); answers that need work are made in the background and handed to the
// publisher, which enqueues them in the outbox for the delivery worker. An event is marked
// processed only together with its answer, so a redelivery of an event whose job died is
// answered; one answered, or being answered, is not answered twice (HTTP retries and Socket Mode
// redeliveries alike, by event_id).
//
// Threads: every method may be called from any thread; background work runs on the executor.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <string>

#include "paperboy/bot/service.hpp"
#include "paperboy/chat/publisher.hpp"
#include "paperboy/chat/slack/payloads.hpp"

namespace paperboy::chat::slack {

// What became of an event or a button press (the metrics' outcome label).
enum class outcome { ok, ignored, duplicate, invalid };
const char* to_string(outcome o);

class dispatcher {
public:
    dispatcher(boost::asio::any_io_executor executor, bot::service& bot, chat::publisher& out, store::database& db);

    // The immediate answer to a slash command as a JSON object's text ({"response_type", "text"}):
    // the HTTP response's body, or the payload of a Socket Mode acknowledgement.
    boost::asio::awaitable<std::string> command(slash_command cmd);
    // An event_callback (url_verification is the HTTP route's business).
    boost::asio::awaitable<outcome> event(event e);
    outcome action(block_action action);

    // Background jobs still running (for graceful shutdown and tests).
    int jobs_in_flight() const { return jobs_.load(); }

private:
    boost::asio::awaitable<void> run_command(bot::command cmd, bot::conversation where, std::string key);
    boost::asio::awaitable<void> run_event(slack::event e, bool mention);
    boost::asio::awaitable<void> run_button(block_action action, bot::conversation where, std::string key);
    template <class Job>
    void spawn(Job job, std::function<void()> on_failure);
    void tell_failure(const bot::conversation& where, const std::string& key);

    boost::asio::any_io_executor executor_;
    bot::service& bot_;
    chat::publisher& out_;
    store::database& db_;
    std::atomic<int> jobs_{0};
    std::string help_answer_;
    std::mutex events_mutex_;
    std::set<std::string> events_running_;  // event ids being answered now
};

}  // namespace paperboy::chat::slack
