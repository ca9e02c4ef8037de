import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as testing from '../../lib/testing/index.js';
import { bundleForNode } from '../helpers/node-bundle.js';

describe('rxjs-openai-stream/testing entry', () => {
  it('exports exactly its documented runtime API', () => {
    expect(Object.keys(testing).sort()).toEqual([
      'DEFAULT_STORY',
      'conversationReply',
      'failTimes',
      'startMockServer',
      'statusReply',
    ]);
  });

  it('the CLI starts the default server and prints its URL', async () => {
    // lib/testing/cli.ts as one plain module, as the package ships it compiled (tsx would cost ~1 s of CPU).
    const cli = await bundleForNode(new URL('../../lib/testing/cli.ts', import.meta.url).pathname);
    const child = spawn(process.execPath, [cli.file, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const url = line.toString().trim();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const response = await fetch(`${url}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ messages: [], stream: true }),
      });
      expect(await response.text()).toMatch(/data: \[DONE\]\n\n$/);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
      cli.remove();
    }
  });
});
