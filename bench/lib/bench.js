#!/usr/bin/env node
// Helper of the benches in bench/ (node's standard library only).
//   node bench.js ports N
//       prints N free loopback TCP ports, one a line.
//   node bench.js kannel SENDSMS_PORT SMSC_HTTP_PORT DLR_PORT COUNT CONCURRENCY DLR(0|1) DEADLINE_S
//       serves the dlr-url counter on DLR_PORT, warms Kannel up with 200 messages (not counted), resets
//       smsc.js, then sends COUNT messages through sendsms with CONCURRENCY keep-alive clients while it
//       polls smsc.js /stats every 20 ms and counts the receipts Kannel calls back. Prints one JSON line:
//       seconds from the first request to the last sendsms answer, to the COUNTth submit_sm seen by the
//       SMSC, and to the last receipt callback, and the rates (messages ÷ those seconds).
//   node bench.js watch SMSC_HTTP_PORT PUSH_PORT COUNT DEADLINE_S STALL_S
//       for bench/e2e.sh: polls smsc.js /stats and push-receiver.js /count every 20 ms until the SMSC has seen
//       COUNT submit_sm and the receiver COUNT more delivered receipts than when it started, or DEADLINE_S
//       passed, or neither count moved for STALL_S ("ready" on stderr once it has read where the receiver starts from); prints one JSON line: submits and the epoch ms of the poll that first saw one and of the poll
//       that saw the last, and the pushes and delivered receipts since the start and the last push's epoch ms.
'use strict';
const http = require('http');
const net = require('net');

const [mode, ...args] = process.argv.slice(2);

if (mode === 'ports') {
  const servers = [];
  const wanted = Number(args[0] ?? 1);
  const open = () => {
    if (servers.length === wanted) {
      console.log(servers.map(s => s.address().port).join('\n'));
      servers.forEach(s => s.close());
      return;
    }
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { servers.push(s); open(); });
  };
  open();
} else if (mode === 'kannel') {
  kannel(...args.map(Number)).catch(e => { console.error(e); process.exit(1); });
} else if (mode === 'watch') {
  watch(...args.map(Number)).catch(e => { console.error(e); process.exit(1); });
} else {
  console.error('usage: bench.js ports N | kannel SENDSMS SMSC_HTTP DLR COUNT CONCURRENCY DLR DEADLINE | watch SMSC_HTTP PUSH COUNT DEADLINE');
  process.exit(2);
}

async function kannel(sendsmsPort, smscHttpPort, dlrPort, count, concurrency, dlr, deadlineSeconds) {
  let receipts = 0, delivered = 0, lastReceiptAt = null, seconds = () => 0;
  const counter = http.createServer((req, res) => {
    if (req.url.startsWith('/dlr')) {
      receipts++;
      lastReceiptAt = seconds();
      if (/[?&]state=1(&|$)/.test(req.url)) delivered++;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  await new Promise(r => counter.listen(dlrPort, '127.0.0.1', r));

  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const get = (port, path, method = 'GET', useAgent = agent) => new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, agent: useAgent }, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', d => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
  const control = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const submits = async () => JSON.parse((await get(smscHttpPort, '/stats', 'GET', control)).body).submits;

  // Same message as bench/SmppUpstream: UCS-2, numbers ending in 1 (never receipted UNDELIV or refused).
  const text = encodeURIComponent('【SmsPortal】Your code is 246810');
  const dlrUrl = encodeURIComponent(`http://127.0.0.1:${dlrPort}/dlr?state=%d`);
  const path = i => `/cgi-bin/sendsms?username=tester&password=secret&charset=UTF-8&coding=2` +
    `&to=1390${String(i % 1000000).padStart(6, '0')}1&text=${text}` + (dlr ? `&dlr-mask=3&dlr-url=${dlrUrl}` : '');

  const sendAll = async (total, deadline) => {
    let next = 0, ok = 0, refused = 0, errors = 0, lastBody = '';
    await Promise.all(Array.from({ length: concurrency }, async () => {
      let i;
      while ((i = next++) < total && Date.now() < deadline) {
        try {
          const answer = await get(sendsmsPort, path(i));
          if (answer.status < 300 && answer.body.startsWith('0:')) ok++; else { refused++; lastBody = answer.body; }
        } catch (e) {
          errors++;
          lastBody = String(e);
        }
      }
    }));
    return { ok, refused, errors, lastBody };
  };
  const waitFor = async (condition, deadline) => {
    while (Date.now() < deadline && !(await condition())) await new Promise(r => setTimeout(r, 20));
  };

  // Warm-up, not counted.
  const warm = await sendAll(200, Date.now() + 20000);
  await waitFor(async () => (await submits()) >= warm.ok && (!dlr || receipts >= warm.ok), Date.now() + 20000);
  await get(smscHttpPort, '/reset', 'POST', control);
  receipts = 0; delivered = 0; lastReceiptAt = null;

  const start = process.hrtime.bigint();
  seconds = () => Number(process.hrtime.bigint() - start) / 1e9;
  const deadline = Date.now() + deadlineSeconds * 1000;
  let answeredAt = null, smscAt = null, receiptsAt = null, atSmsc = 0, lastSmscAt = null, target = count;
  const watcher = (async () => {
    while (Date.now() < deadline) {
      const now = await submits();
      if (now > atSmsc) lastSmscAt = seconds();
      atSmsc = now;
      if (smscAt === null && atSmsc >= target) smscAt = seconds();
      if (dlr && receiptsAt === null && receipts >= target) receiptsAt = seconds();
      if (smscAt !== null && (!dlr || receiptsAt !== null)) return;
      await new Promise(r => setTimeout(r, 20));
    }
  })();
  const sent = await sendAll(count, deadline);
  answeredAt = seconds();
  target = sent.ok; // what Kannel accepted is what must reach the SMSC (and be receipted)
  await watcher;
  // On a timeout: what got through ÷ the time the last of it got there.
  if (smscAt === null) smscAt = lastSmscAt;
  if (dlr && receiptsAt === null) receiptsAt = lastReceiptAt;
  const timedOut = atSmsc < target || (!!dlr && receipts < target);
  const rate = (n, s) => (s ? Math.round(n / s) : 0);
  console.log(JSON.stringify({
    count, concurrency, dlr: !!dlr,
    answered: sent.ok, refused: sent.refused, errors: sent.errors, lastRefusal: sent.lastBody.slice(0, 120),
    answeredSeconds: +answeredAt.toFixed(2), answeredPerSecond: rate(sent.ok, answeredAt),
    atSmsc, smscSeconds: smscAt && +smscAt.toFixed(2), smscPerSecond: rate(atSmsc, smscAt),
    receipts, delivered, receiptsSeconds: receiptsAt && +receiptsAt.toFixed(2),
    receiptsPerSecond: dlr ? rate(receipts, receiptsAt) : null,
    timedOut,
  }));
  agent.destroy();
  control.destroy();
  counter.close();
}

async function watch(smscHttpPort, pushPort, count, deadlineSeconds, stallSeconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = port => new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: port === pushPort ? '/count' : '/stats', agent }, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', d => { body += d; });
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
  const base = await get(pushPort);
  console.error('ready');
  const deadline = Date.now() + deadlineSeconds * 1000;
  let submits = 0, smscFirstMs = null, smscLastMs = null, now = base, movedAt = Date.now(), stalled = false;
  for (;;) {
    const stats = await get(smscHttpPort);
    const at = Date.now();
    if (stats.submits > submits) {
      if (smscFirstMs === null) smscFirstMs = at;
      smscLastMs = at;
      submits = stats.submits;
      movedAt = at;
    }
    const pushes = now.pushes;
    now = await get(pushPort);
    if (now.pushes > pushes) movedAt = at;
    stalled = at - movedAt >= stallSeconds * 1000;
    if ((submits >= count && now.pushes - base.pushes >= count) || at >= deadline || stalled) break;
    await new Promise(r => setTimeout(r, 20));
  }
  const pushes = now.pushes - base.pushes;
  console.log(JSON.stringify({
    submits, smscFirstMs, smscLastMs,
    pushes, delivered: now.delivered - base.delivered,
    lastPushMs: pushes > 0 ? now.lastMs : null,
    timedOut: submits < count || pushes < count, stalled,
  }));
  agent.destroy();
}
