// tests/lrs/check.js: read statements back from the LRS, by id.
//   node check.js ENDPOINT AUTHFILE EXPECTED.json
// EXPECTED is a JSON array of statements (as workshop verify --format xapi
// prints them).  Each is fetched with GET ENDPOINT/statements?statementId=ID
// and must hold every property the expected one has, equal; the LRS may add
// its own (stored, authority, version).  Then every statement the LRS holds
// is counted, page by page.  Prints
//   found N of M; the LRS holds T statements
// and, for each one missing or different, a line saying so.  Exit 0 when
// every expected statement was found as expected; 1 otherwise.
'use strict';
const fs = require('fs');
const assert = require('assert');

const [endpoint, authFile, expectedFile] = process.argv.slice(2);
const pair = fs.readFileSync(authFile, 'utf8').split('\n')[0];
const headers = {
  Authorization: 'Basic ' + Buffer.from(pair).toString('base64'),
  'X-Experience-API-Version': '1.0.3',
};
const origin = new URL(endpoint).origin;
if (new URL(endpoint).hostname !== '127.0.0.1') throw new Error('127.0.0.1 only');

async function get(url) {
  const res = await fetch(url, { headers });
  return { status: res.status, body: res.status === 200 ? await res.json() : null };
}

// Does got hold everything want has?
function holds(got, want) {
  for (const k of Object.keys(want)) {
    try {
      assert.deepStrictEqual(got[k], want[k]);
    } catch (e) {
      return k;
    }
  }
  return null;
}

async function main() {
  const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
  let found = 0;
  const problems = [];
  for (let i = 0; i < expected.length; i += 16) {
    await Promise.all(expected.slice(i, i + 16).map(async (want) => {
      const r = await get(`${endpoint}/statements?statementId=${want.id}`);
      if (r.status !== 200) return problems.push(`${want.id}: ${r.status}`);
      const k = holds(r.body, want);
      if (k !== null) return problems.push(`${want.id}: ${k} differs`);
      found++;
    }));
  }
  let total = 0;
  let next = `${endpoint}/statements?limit=500`;
  while (next) {
    const r = await get(next);
    if (r.status !== 200) throw new Error(`GET ${next}: ${r.status}`);
    total += r.body.statements.length;
    next = r.body.more ? origin + r.body.more : null;
  }
  console.log(`found ${found} of ${expected.length}; the LRS holds ${total} statements`);
  for (const p of problems.slice(0, 10)) console.log(p);
  process.exit(found === expected.length ? 0 : 1);
}
main().catch((e) => { console.error(e); process.exit(2); });
