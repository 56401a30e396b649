#include "paperboy/core/clock.hpp"

namespace paperboy::core {

namespace {

class system_clock final : public clock {
public:
    time_point now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace

const clock& clock::system() {
    static const system_clock instance;
    return instance;
}

}  // namespace paperboy::core
