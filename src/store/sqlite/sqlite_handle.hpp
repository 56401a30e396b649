#pragma once
// RAII owners and small helpers over the SQLite C API.
#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "paperboy/store/store.hpp"

namespace paperboy::store::sqlite {

struct db_closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct stmt_finalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using db_ptr = std::unique_ptr<sqlite3, db_closer>;

// A prepared statement with positional binding (1-based) and column reads.
class statement {
public:
    statement(sqlite3* db, std::string_view sql);
    statement& bind(int index, std::string_view text);
    statement& bind(int index, long long value);
    // Steps once: true while a row is available, false when done. Throws store_error on failure.
    bool step();
    // Makes the statement ready to run again with new bindings.
    void reset();
    long long column_int(int index) const;
    std::string column_text(int index) const;

private:
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, stmt_finalizer> stmt_;
};

// Runs one or more statements without results; throws store_error naming `what`.
void exec(sqlite3* db, const char* sql, const char* what);

[[noreturn]] void fail(sqlite3* db, const std::string& what);

}  // namespace paperboy::store::sqlite

namespace paperboy::store::sqlite {

// BEGIN IMMEDIATE (the write lock first, so two connections cannot interleave a read-modify-write);
// rolled back unless commit() was called.
class transaction {
public:
    explicit transaction(sqlite3* db) : db_(db) { exec(db, "BEGIN IMMEDIATE", "sqlite: begin"); }
    ~transaction() {
        if (db_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;
    void commit() {
        exec(db_, "COMMIT", "sqlite: commit");
        db_ = nullptr;
    }

private:
    sqlite3* db_;
};

}  // namespace paperboy::store::sqlite
