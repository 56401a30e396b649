#include "paperboy/bot/help.hpp"

namespace paperboy::bot {
namespace {


// The command names and argument spellings are CONTRACT.md's; keep both texts in step.
constexpr std::string_view help_en =
    "*paperboy* - daily digests of notable LLM papers\n"
    "• `/papers` or `/papers today` - today's digest for this channel, in the channel\n"
    "• `/papers yesterday`, `/papers YYYY-MM-DD` - that day's digest\n"
    "• `/papers paper ARXIV_ID` (also a bare id or an arxiv.org URL) - that paper's full summary\n"
    "• `/papers subscribe [HH:MM] [TIME_ZONE] [LANG]` - a scheduled morning digest for this channel "
    "(default 08:00 Monday to Friday, the configured zone; add `daily` for every day), "
    "e.g. `/papers subscribe 7:30 Asia/Tokyo ja`\n"
    "• `/papers unsubscribe` - stops it\n"
    "• `/papers settings` - this channel's settings; `/papers settings language ja`, "
    "`/papers settings profile NAME`, `/papers settings layout compact` change one\n"
    "• `/papers help` - this message, only you see it\n"
    "In a digest's thread, reply with a paper's number (`3`, `#3`), its arXiv id or words from its title "
    "to get its full summary in the thread.";

constexpr std::string_view help_ja =
    "*paperboy* - 注目の LLM 論文の日次ダイジェスト\n"
    "• `/papers` または `/papers today` - このチャンネルの今日のダイジェストをチャンネルに投稿\n"
    "• `/papers yesterday`、`/papers YYYY-MM-DD` - その日のダイジェスト\n"
    "• `/papers paper ARXIV_ID` (ID だけ、または arxiv.org の URL でも可) - その論文の詳しい要約\n"
    "• `/papers subscribe [HH:MM] [TIME_ZONE] [LANG]` - このチャンネルに毎朝ダイジェストを配信 "
    "(既定は月〜金の 08:00、設定のタイムゾーン。毎日なら `daily` を追加)。例: `/papers subscribe 7:30 Asia/Tokyo ja`\n"
    "• `/papers unsubscribe` - 配信を停止\n"
    "• `/papers settings` - このチャンネルの設定を表示。`/papers settings language ja`、"
    "`/papers settings profile NAME`、`/papers settings layout compact` で変更\n"
    "• `/papers help` - この説明 (あなたにだけ表示)\n"
    "ダイジェストのスレッドで論文の番号 (`3`、`#3`)、arXiv ID、またはタイトルの単語を返信すると、"
    "その論文の詳しい要約をスレッドに返します。";

}  // namespace

bool is_japanese(const std::string& language) {
    return language == "ja" || language.starts_with("ja-") || language.starts_with("ja_");
}

std::string help_text(const std::string& language) {
    return std::string(is_japanese(language) ? help_ja : help_en);
}

std::string usage_text(const std::string& language, std::string_view problem) {
    std::string out;
    if (is_japanese(language)) {
        out = problem.empty() ? "コマンドを理解できませんでした。" : "コマンドを理解できませんでした: ";
        out.append(problem);
    } else {
        out = problem.empty() ? "Sorry, I did not understand that." : "Sorry, I did not understand that: ";
        out.append(problem);
        if (!problem.empty()) out += ".";
    }
    out += "\n";
    out += help_text(language);
    return out;
}

}  // namespace paperboy::bot
