// tests/lrs/lrs.js: the real xAPI LRS the tests of workshop send run
// against: Learning Locker's statement service (npm xapi-statements 5.0.1,
// pinned by package-lock.json), its routes under /xAPI, started from its own
// pieces rather than its server.js, so that
//   - it listens on 127.0.0.1 only (server.js binds every interface), and
//   - every route but /xAPI/about needs the one Basic user:password pair in
//     LRS_AUTH_FILE ("user:password", one line); AUTH_REPO=test alone would
//     accept any credential.
// Environment: EXPRESS_PORT (0: any free port), LRS_AUTH_FILE, and the
// service's own MODELS_REPO=memory STORAGE_REPO=local AUTH_REPO=test
// EVENTS_REPO=test.  Optional: LRS_PORT_FILE (the port is written there
// once listening), LRS_TLS_CERT and LRS_TLS_KEY (serve HTTPS instead),
// LRS_LOG (one line per POST /xAPI/statements: "STATUS COUNT FIRST LAST",
// written before the reply goes out), LRS_DELAY_MS (wait before each POST),
// LRS_BUSY (statuses such as "429,503" to answer the first POSTs with, each
// with "Retry-After: LRS_RETRY_AFTER", default 1; a 400 carries warnings
// as the service words a statement it refuses).
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const path = require('path');

const dist = path.join(path.dirname(require.resolve('xapi-statements')));
const need = (m) => require(path.join(dist, m));
const express = require(require.resolve('express', { paths: [dist] }));

const config = need('config').default;
const constants = need('utils/constants');
const logger = need('logger').default;
const tracker = need('tracker').default;
const translator = need('translatorFactory').default();
const service = need('serviceFactory').default();
const presenter = need('expressPresenter').default({
  llClientInfoEndpoint: config.llClientInfoEndpoint,
  customRoute: config.express.customRoute,
  customRouteText: config.express.customRouteText,
  morganDirectory: config.express.morganDirectory,
  bodyParserLimit: config.express.bodyParserLimit,
  service,
  tracker,
  translator,
  logger,
});

const pair = fs.readFileSync(process.env.LRS_AUTH_FILE, 'utf8').split('\n')[0];
const wanted = 'Basic ' + Buffer.from(pair).toString('base64');
const delay = Number(process.env.LRS_DELAY_MS || 0);
const busy = (process.env.LRS_BUSY || '').split(',').filter((s) => s !== '');
let posts = 0;

const app = express();
app.use((req, res, next) => {
  if (req.path.startsWith(constants.aboutRoute)) return next();
  if (req.header('Authorization') !== wanted) {
    res.status(401).json({ message: 'Unauthorised: wrong user or password' });
    return;
  }
  if (req.method !== 'POST' || !req.path.startsWith(constants.statementsRoute))
    return next();
  if (process.env.LRS_LOG) logPost(res);
  if (posts < busy.length) {
    const status = Number(busy[posts++]);
    res.set('Retry-After', process.env.LRS_RETRY_AFTER || '1');
    if (status === 400)
      res.status(400).json({ warnings: [
        "Missing required value in 'statements.0.actor'",
        "Unknown keys (bad) set in 'statements.0'"] });
    else
      res.status(status).json({ message: 'Busy: try later' });
    return;
  }
  posts++;
  if (delay > 0) setTimeout(next, delay);
  else next();
});
app.use(constants.aboutRoute, presenter.aboutRouter);
app.use(constants.fullActivitiesRoute, presenter.fullActivitiesRouter);
app.use(constants.statementsRoute, presenter.statementsRouter);

// The ids a POST was answered with, logged before the reply is sent.
function logPost(res) {
  const end = res.end;
  const chunks = [];
  const write = res.write;
  res.write = function (chunk, ...rest) {
    if (chunk) chunks.push(Buffer.from(chunk));
    return write.call(this, chunk, ...rest);
  };
  res.end = function (chunk, ...rest) {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
    let ids = [];
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (Array.isArray(body)) ids = body;
    } catch (e) { /* an error's message */ }
    fs.appendFileSync(process.env.LRS_LOG, `${res.statusCode} ${ids.length} ` +
      `${ids[0] || '-'} ${ids[ids.length - 1] || '-'}\n`);
    return end.call(this, chunk, ...rest);
  };
}

const tls = process.env.LRS_TLS_CERT
  ? { cert: fs.readFileSync(process.env.LRS_TLS_CERT),
      key: fs.readFileSync(process.env.LRS_TLS_KEY) }
  : null;
const server = tls ? https.createServer(tls, app) : http.createServer(app);
server.listen(Number(process.env.EXPRESS_PORT || 0), '127.0.0.1', () => {
  const port = server.address().port;
  if (process.env.LRS_PORT_FILE)
    fs.writeFileSync(process.env.LRS_PORT_FILE + '.tmp', `${port}\n`),
    fs.renameSync(process.env.LRS_PORT_FILE + '.tmp', process.env.LRS_PORT_FILE);
  console.log(`lrs: listening on 127.0.0.1:${port}`);
});
