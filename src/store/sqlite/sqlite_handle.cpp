#include "sqlite_handle.hpp"

namespace paperboy::store::sqlite {

void fail(sqlite3* db, const std::string& what) {
    throw store_error(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

void exec(sqlite3* db, const char* sql, const char* what) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw store_error(std::string(what) + ": " + text);
    }
}

statement::statement(sqlite3* db, std::string_view sql) : db_(db) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK)
        fail(db, "prepare");
    stmt_.reset(raw);
}

statement& statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK)
        fail(db_, "bind");
    return *this;
}

statement& statement::bind(int index, long long value) {
    if (sqlite3_bind_int64(stmt_.get(), index, value) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

bool statement::step() {
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "query");
}

void statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}

long long statement::column_int(int index) const { return sqlite3_column_int64(stmt_.get(), index); }

std::string statement::column_text(int index) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), index));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), index))) : std::string();
}

}  // namespace paperboy::store::sqlite
