#pragma once
// Versioned schema migrations. Each backend has its own SQL dialect but the same versions, so a
// version number means the same schema everywhere. Append only: never edit a released migration.
#include <span>
#include <string_view>

namespace paperboy::store {

struct migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

std::span<const migration> sqlite_migrations();

}  // namespace paperboy::store
