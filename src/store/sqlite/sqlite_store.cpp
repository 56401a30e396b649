#include "sqlite_store.hpp"

namespace paperboy::store {

std::unique_ptr<store> open_store(const std::string& url) {
    if (url.starts_with("sqlite:")) return std::make_unique<sqlite_store>(url.substr(7));
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        throw store_error("PostgreSQL is not supported by this build yet; use sqlite:PATH");
    throw store_error("unsupported database URL scheme (expected sqlite:PATH)");
}

}  // namespace paperboy::store
