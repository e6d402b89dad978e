// basic.default-path: 'http://host:port' and 'http://host:port/' both fetch the home page.
import { checkFetch } from '../../harness/clients/check-fetch.js';
import { startTinyOrigin } from '../../harness/origins/tiny-origin.js';
import type { CheckDef } from '../../types.js';

export const defaultPathCheck: CheckDef = {
  id: 'basic.default-path',
  title: {
    en: "A URL with no path, or just '/', fetches the home page",
    ko: "경로가 없거나 '/'뿐인 URL이 홈 페이지를 가져온다",
  },
  timeoutMs: 15_000,
  hint: {
    en: "A URI with no path (http://host:port) means '/': send 'GET / HTTP/1.0'.",
    ko: "경로가 없는 URI(http://host:port)는 '/'를 뜻합니다. 'GET / HTTP/1.0'을 보내세요.",
  },
  // The two forms go to two Tiny origins serving the same files (the run's own and one started here), so they
  // are two cache keys with the same answer: the second fetch is a miss in a proxy whose cache (rightly) files
  // 'http://h:p' under 'http://h:p/', and a cache keyed on the path alone still gets it right.
  async run(ctx) {
    const twin = await startTinyOrigin({ root: ctx.harness.rootDir, log: (line) => ctx.log(line) });
    ctx.defer(() => twin.close());
    const bare = twin.url('/').slice(0, -1);
    const slash = ctx.harness.tiny.url('/');
    for (const url of [bare, slash]) {
      const what =
        url === bare
          ? { en: `the URL ${bare} (no path)`, ko: `URL ${bare} (경로 없음)` }
          : { en: `the URL ${slash}`, ko: `URL ${slash}` };
      const truthUrl = url === bare ? `${bare}/` : slash;
      const { outcome } = await checkFetch(ctx, url, { what, truthUrl });
      if (!outcome.passed) return url === bare ? { ...outcome, hint: defaultPathCheck.hint } : outcome;
    }
    return { passed: true };
  },
};
