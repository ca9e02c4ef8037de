#!/usr/bin/env bash
# Proves that `npm pack` gives a package a fresh project can install and import, with its types.
set -euo pipefail
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

npx publint --strict
npx attw --pack . --profile esm-only

tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
mkdir "$tmp/app" && cd "$tmp/app"
cat > package.json <<'JSON'
{ "name": "pack-check-app", "private": true, "type": "module" }
JSON
npm install --no-audit --no-fund --silent "$tmp/$tarball" rxjs@^7.8 typescript@~5.9.3 @types/node@^20 >/dev/null
cat > check.ts <<'TS'
import { createClient, parseSSE, type ChatCompletionChunk } from 'rxjs-openai-stream';
import { startMockServer } from 'rxjs-openai-stream/testing';
import { createRelay } from 'rxjs-openai-stream/server';
import { lastValueFrom, toArray } from 'rxjs';

const mock = await startMockServer();
const client = createClient({ apiKey: 'test', baseURL: mock.url });
const chunks: ChatCompletionChunk[] = await lastValueFrom(
  client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }).pipe(toArray()),
);
const relay = createRelay({ client });
const relayed = await relay.fetch(
  new Request('http://relay.local/api/chat/completions', {
    method: 'POST',
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
  }),
);
const frames = await relayed.text();
await relay.close();
await mock.close();
if (chunks.length === 0 || typeof parseSSE !== 'function') throw new Error('pack check: no chunks');
if (!relayed.headers.get('x-stream-id') || !frames.endsWith('data: [DONE]\n\n')) throw new Error('pack check: relay');
console.log(`pack check: ${chunks.length} chunks through the installed package, and through its relay`);
TS
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true, "types": ["node"], "outDir": "out", "skipLibCheck": false }, "files": ["check.ts"] }
JSON
npx tsc -p tsconfig.json
node out/check.js
cd "$root"
