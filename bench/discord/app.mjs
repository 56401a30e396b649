// The reference for bench/discord/run.sh: the smallest Discord interactions endpoint with the npm
// packages discord-interactions (verifyKeyMiddleware: Ed25519 over timestamp + raw body, answers
// PING itself with {type: 1}) and express. `/papers help` gets a type 4 (CHANNEL_MESSAGE_WITH_SOURCE)
// ephemeral answer. run.sh copies this file next to its node_modules (build/bench-discord).
// Env: DISCORD_PUBLIC_KEY (64 hex digits), NODE_PORT.
import express from 'express';
import { InteractionResponseFlags, InteractionResponseType, InteractionType, verifyKeyMiddleware } from 'discord-interactions';

const app = express();

app.post('/discord/interactions', verifyKeyMiddleware(process.env.DISCORD_PUBLIC_KEY), (req, res) => {
  const i = req.body;
  if (i.type === InteractionType.APPLICATION_COMMAND && i.data?.name === 'papers' &&
      i.data.options?.[0]?.name === 'help') {
    return res.json({
      type: InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE,
      data: { content: 'help text', flags: InteractionResponseFlags.EPHEMERAL, allowed_mentions: { parse: [] } },
    });
  }
  return res.status(400).json({ error: 'unsupported interaction' });
});

const port = Number(process.env.NODE_PORT);
const server = app.listen(port, '127.0.0.1', () => {
  console.log(`discord-interactions + express listening on 127.0.0.1:${port}`);
});

process.on('SIGTERM', () => {
  const force = setTimeout(() => process.exit(1), 5000);
  server.close(() => { clearTimeout(force); process.exit(0); });
  server.closeAllConnections?.();
});
