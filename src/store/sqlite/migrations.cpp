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
    {2, "digests and summaries",
     R"sql(
CREATE TABLE digests (
    day        TEXT NOT NULL,
    profile    TEXT NOT NULL,
    language   TEXT NOT NULL,
    papers     INTEGER NOT NULL,
    body       TEXT NOT NULL,            -- the digest's JSON form
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (day, profile, language)
);
CREATE TABLE summaries (
    arxiv_id       TEXT NOT NULL,
    model          TEXT NOT NULL,
    language       TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (arxiv_id, model, language, prompt_version)
);
)sql"},
};

}  // namespace

std::span<const migration> sqlite_migrations() { return all; }

}  // namespace paperboy::store
