#pragma once
// A fake Discord Gateway (external-apis.md h.1, h.2) on ws://127.0.0.1:PORT for tests: Hello,
// Heartbeat ACKs, READY after Identify, Resume with the replay of missed dispatches and RESUMED,
// op 9 for a Resume it cannot honour, and test controls to dispatch events, drop the connection,
// close it with a code, ask for a reconnect (op 7), stop ACKing (a zombie) or invalidate sessions.
// It runs its own thread; every method may be called from the test's thread.
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace paperboy::test {

class fake_gateway {
public:
    explicit fake_gateway(int heartbeat_interval_ms = 250);
    ~fake_gateway();
    fake_gateway(const fake_gateway&) = delete;
    fake_gateway& operator=(const fake_gateway&) = delete;

    std::string url() const;  // ws://127.0.0.1:PORT
    std::string bot_user_id() const { return "900000000000000001"; }

    // Sends a dispatch (op 0) with the next sequence number to the live session, and keeps it for
    // replay on a Resume. False when no session is live (it is still kept for a replay).
    bool dispatch(const std::string& type, nlohmann::json data);
    void drop();                 // closes the TCP connection without a close frame
    void close(int code);        // a close frame with `code`
    void request_reconnect();    // op 7
    void invalidate(bool resumable);  // op 9; false also forgets the session
    void set_acks(bool on);      // off: heartbeats go unanswered (the client should see a zombie)
    // The next Identify is answered with a close `code` (4004, 4014, ...) instead of READY.
    void refuse_identify(int code);

    int connections() const;
    int identifies() const;
    int resumes() const;
    int heartbeats() const;
    bool live() const;                        // a session is READY or RESUMED now
    std::vector<nlohmann::json> received() const;  // every frame the client sent

private:
    struct impl;
    std::shared_ptr<impl> impl_;
};

}  // namespace paperboy::test
