#pragma once
// "Now" as an object, so everything that asks what time or day it is can be tested with a clock
// that only moves when the test says so. Standard library only.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace paperboy::core {

class clock {
public:
    using time_point = std::chrono::system_clock::time_point;
    virtual ~clock() = default;
    virtual time_point now() const = 0;
    std::int64_t now_ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
    }
    // The real clock (one for the process).
    static const clock& system();
};

// A clock that shows what it was set to (tests). Thread-safe.
class manual_clock final : public clock {
public:
    explicit manual_clock(time_point start) : ms_(to_ms(start)) {}
    time_point now() const override { return time_point(std::chrono::milliseconds(ms_.load())); }
    void set(time_point t) { ms_ = to_ms(t); }
    void advance(std::chrono::milliseconds by) { ms_ += by.count(); }

private:
    static std::int64_t to_ms(time_point t) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    }
    std::atomic<std::int64_t> ms_;
};

}  // namespace paperboy::core
