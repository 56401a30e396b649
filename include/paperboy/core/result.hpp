#pragma once
// result<T>: a value or an expected failure with a human-readable message (STYLE.md "Errors" 1).
// Unexpected failures throw instead. Standard library only, so every layer can use it.
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace paperboy {

struct error {
    std::string message;
    int code = 0;  // a category defined by the component that failed (e.g. net::transport_failure); 0: none
};

template <class T>
class [[nodiscard]] result {
public:
    result() : v_(std::in_place_index<1>, error{"no result"}) {}  // for APIs that need a default
    result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    result(error e) : v_(std::in_place_index<1>, std::move(e)) {}

    bool has_value() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & { check(); return std::get<0>(v_); }
    const T& value() const& { check(); return std::get<0>(v_); }
    T&& value() && { check(); return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const error& err() const& { return std::get<1>(v_); }

private:
    void check() const {
        if (v_.index() != 0) throw std::runtime_error(std::get<1>(v_).message);
    }
    std::variant<T, error> v_;
};

}  // namespace paperboy
