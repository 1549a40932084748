'use strict';
// The grpc-js side of Platform.Grpc's wire-compatibility tests (see NodeInterop.cs).
//
//   node grpc-interop.js client <host:port> <service> <method> <request-json> [options-json]
//     Makes one call and prints one JSON line: the reply (or replies), or the status,
//     plus the response headers and trailers. Options: { deadlineMs, metadata }, where
//     metadata maps a key to a string, or to a base64 string for a "-bin" key.
//   node grpc-interop.js server
//     Serves platform.test.echo.v1.Echo on 127.0.0.1 at a free port, prints
//     {"event":"listening","port":N}, then one JSON line per observed event (call, cancelled).
//     Exits when its standard input closes.

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const packageDefinition = protoLoader.loadSync(
  ['platform/test/echo/v1/echo.proto', 'grpc/health/v1/health.proto'],
  {
    includeDirs: [path.join(__dirname, '..', 'Protos')],
    keepCase: true,
    longs: String,
    enums: String,
    bytes: String,
    defaults: true,
  });

function print(value) {
  process.stdout.write(JSON.stringify(value) + '\n');
}

function metadataToJson(metadata) {
  const result = {};
  for (const key of Object.keys(metadata.getMap())) {
    result[key] = metadata.get(key).map((value) => (Buffer.isBuffer(value) ? value.toString('base64') : value));
  }
  return result;
}

function metadataFromJson(json) {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(json || {})) {
    metadata.add(key, key.endsWith('-bin') ? Buffer.from(value, 'base64') : value);
  }
  return metadata;
}

function runClient([target, serviceName, methodName, requestJson, optionsJson]) {
  const service = packageDefinition[serviceName];
  const Client = grpc.makeGenericClientConstructor(service, serviceName);
  const client = new Client(target, grpc.credentials.createInsecure());
  const request = JSON.parse(requestJson);
  const options = JSON.parse(optionsJson || '{}');
  const callOptions = options.deadlineMs ? { deadline: Date.now() + options.deadlineMs } : {};
  const metadata = metadataFromJson(options.metadata);
  const started = Date.now();
  const result = { headers: {}, trailers: {} };
  // A call is reported once both its outcome (reply, end or error) and its status with the trailers are in.
  let pending = 2;
  const settle = () => {
    pending -= 1;
    if (pending === 0) {
      result.elapsedMs = Date.now() - started;
      print(result);
      client.close();
    }
  };
  const fail = (error) => {
    result.code = error.code;
    result.details = error.details;
    settle();
  };

  let call;
  if (service[methodName].responseStream) {
    result.replies = [];
    call = client[methodName](request, metadata, callOptions);
    call.on('data', (reply) => result.replies.push(reply));
    call.on('error', fail);
    call.on('end', settle);
  } else {
    call = client[methodName](request, metadata, callOptions, (error, reply) => {
      if (error) {
        fail(error);
      } else {
        result.reply = reply;
        settle();
      }
    });
  }
  call.on('metadata', (headers) => { result.headers = metadataToJson(headers); });
  call.on('status', (status) => {
    result.statusCode = status.code;
    result.trailers = metadataToJson(status.metadata);
    settle();
  });
}

function runServer() {
  const attempts = new Map();
  const server = new grpc.Server();

  // The same behaviour as the C# EchoService in the tests.
  function begin(call, method) {
    const request = call.request;
    const attempt = (attempts.get(request.call_id) || 0) + 1;
    attempts.set(request.call_id, attempt);
    print({ event: 'call', method, callId: request.call_id, attempt, metadata: metadataToJson(call.metadata) });
    const echoed = new grpc.Metadata();
    for (const [key, values] of Object.entries(call.metadata.toJSON())) {
      if (key.startsWith('x-')) {
        for (const value of values) {
          echoed.add(key, value);
        }
      }
    }
    const failing = request.fail_code !== 0 && (request.fail_attempts === 0 || attempt <= request.fail_attempts);
    // A failing call answers Trailers-Only: response headers would commit the call, and a committed call is not retried.
    if (!failing) {
      call.sendMetadata(echoed);
    }
    return { request, failing };
  }

  function trailers() {
    const metadata = new grpc.Metadata();
    metadata.add('x-trailer', 'done');
    metadata.add('x-trailer-bin', Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    return metadata;
  }

  function afterDelay(call, request, then) {
    let cancelled = false;
    const timer = setTimeout(() => { if (!cancelled) then(); }, request.delay_ms);
    call.on('cancelled', () => {
      cancelled = true;
      clearTimeout(timer);
      print({ event: 'cancelled', callId: request.call_id });
    });
  }

  server.addService(packageDefinition['platform.test.echo.v1.Echo'], {
    Say(call, callback) {
      const { request, failing } = begin(call, 'Say');
      afterDelay(call, request, () => {
        if (failing) {
          callback({ code: request.fail_code, details: request.fail_message, metadata: trailers() });
        } else {
          const payload = Buffer.alloc(request.reply_payload_size).toString('base64');
          callback(null, { message: request.message, index: 0, payload }, trailers());
        }
      });
    },
    Stream(call) {
      const { request, failing } = begin(call, 'Stream');
      if (failing && request.fail_attempts > 0) {
        call.emit('error', { code: request.fail_code, details: request.fail_message, metadata: trailers() });
        return;
      }
      for (let index = 0; index < request.count; index++) {
        call.write({ message: `${request.message} ${index}`, index });
      }
      afterDelay(call, request, () => {
        if (failing) {
          call.emit('error', { code: request.fail_code, details: request.fail_message, metadata: trailers() });
        } else {
          call.end(trailers());
        }
      });
    },
  });

  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error) {
      console.error(error);
      process.exit(1);
    }
    print({ event: 'listening', port });
  });
  process.stdin.on('end', () => server.tryShutdown(() => process.exit(0)));
  process.stdin.resume();
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'client') {
  runClient(args);
} else if (mode === 'server') {
  runServer();
} else {
  console.error('usage: node grpc-interop.js client <host:port> <service> <method> <request-json> [options-json] | server');
  process.exit(2);
}
