#include "paperboy/store/migrations.hpp"

namespace paperboy::store {
namespace {

constexpr migration all[] = {
    {1, "digest history",
     R"sql(
CREATE TABLE digest_papers (
    profile   TEXT NOT NULL,
    day       TEXT NOT NULL,            -- YYYY-MM-DD of the digest that carried the paper
    position  INTEGER NOT NULL,         -- 1-based number in that digest
    arxiv_id  TEXT NOT NULL,            -- version-less
    PRIMARY KEY (profile, day, position)
);
CREATE INDEX digest_papers_by_paper ON digest_papers (profile, arxiv_id);
)sql"},
};

}  // namespace

std::span<const migration> sqlite_migrations() { return all; }

}  // namespace paperboy::store
