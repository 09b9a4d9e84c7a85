// A market-data program written as any user of the official Alpaca JavaScript SDK would write it: the SDK is
// used unchanged, and the only gateway-specific setting is the stream's own `url` option. Credentials come from
// APCA_API_KEY_ID / APCA_API_SECRET_KEY, which the SDK reads itself (never from the command line, where other
// processes could read them).
//
//   node stream.js --kind stocks|crypto|news|options --url ws://127.0.0.1:8765/v2/iex [--trades AAPL,MSFT]
//                  [--quotes ...] [--bars ...] [--updatedBars ...] [--dailyBars ...] [--statuses ...] [--lulds ...]
//                  [--orderbooks ...] [--news ...]
//
// Every event is printed as one JSON line ({"event": ...}), so a test synchronises on lines and never sleeps.
// Standard input takes one JSON command a line: {"action":"subscribe"|"unsubscribe","channel":"trades","symbols":[...]},
// or {"action":"exit"}; the end of standard input also disconnects and exits.
"use strict";

const readline = require("node:readline");
const { Alpaca } = require("@alpacahq/alpaca-trade-api");

const CHANNELS = ["trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds", "orderbooks", "news"];

function parseArguments(argv) {
    const options = { subscriptions: {} };
    for (let i = 0; i < argv.length; i += 2) {
        const name = argv[i].replace(/^--/, "");
        const value = argv[i + 1];
        if (value === undefined) {
            throw new Error(`--${name} needs a value`);
        }
        if (CHANNELS.includes(name)) {
            options.subscriptions[name] = value.split(",").filter((s) => s.length > 0);
        } else if (name === "kind" || name === "url") {
            options[name] = value;
        } else {
            throw new Error(`unknown option --${name}`);
        }
    }
    if (!options.kind || !options.url) {
        throw new Error("--kind and --url are required");
    }
    return options;
}

function print(event) {
    process.stdout.write(JSON.stringify(event) + "\n");
}

function time(value) {
    return value instanceof Date ? value.toISOString() : value === undefined ? null : String(value);
}

function openStream(alpaca, kind, url) {
    switch (kind) {
        case "stocks":
            return alpaca.marketData.stockStream({ url });
        case "crypto":
            return alpaca.marketData.cryptoStream({ url });
        case "news":
            return alpaca.marketData.newsStream({ url });
        case "options":
            return alpaca.marketData.optionStream({ url });
        default:
            throw new Error(`unknown --kind ${kind}`);
    }
}

const SUBSCRIBE = {
    trades: (s, symbols) => s.subscribeForTrades(symbols),
    quotes: (s, symbols) => s.subscribeForQuotes(symbols),
    bars: (s, symbols) => s.subscribeForBars(symbols),
    updatedBars: (s, symbols) => s.subscribeForUpdatedBars(symbols),
    dailyBars: (s, symbols) => s.subscribeForDailyBars(symbols),
    statuses: (s, symbols) => s.subscribeForStatuses(symbols),
    lulds: (s, symbols) => s.subscribeForLulds(symbols),
    orderbooks: (s, symbols) => s.subscribeForOrderbooks(symbols),
    news: (s, symbols) => s.subscribeForNews(symbols),
};

const UNSUBSCRIBE = {
    trades: (s, symbols) => s.unsubscribeFromTrades(symbols),
    quotes: (s, symbols) => s.unsubscribeFromQuotes(symbols),
    bars: (s, symbols) => s.unsubscribeFromBars(symbols),
    updatedBars: (s, symbols) => s.unsubscribeFromUpdatedBars(symbols),
    dailyBars: (s, symbols) => s.unsubscribeFromDailyBars(symbols),
    statuses: (s, symbols) => s.unsubscribeFromStatuses(symbols),
    lulds: (s, symbols) => s.unsubscribeFromLulds(symbols),
    orderbooks: (s, symbols) => s.unsubscribeFromOrderbooks(symbols),
    news: (s, symbols) => s.unsubscribeFromNews(symbols),
};

function listen(stream) {
    stream.onStateChange((state) => print({ event: "state", state }));
    stream.onError((message) => print({ event: "error", message }));
    stream.onReconnecting((attempt) => print({ event: "reconnecting", attempt }));
    stream.onDisconnect(() => print({ event: "disconnected" }));
    stream.on("subscription", (subscriptions) => print({ event: "subscription", ...subscriptions }));
    stream.onTrade((t) => print({ event: "trade", symbol: t.symbol, price: t.price, size: t.size, id: t.idRaw, timestamp: time(t.timestamp) }));
    stream.onQuote((q) => print({ event: "quote", symbol: q.symbol, bidPrice: q.bidPrice, askPrice: q.askPrice, timestamp: time(q.timestamp) }));
    stream.onBar((b) => print({ event: "bar", symbol: b.symbol, open: b.open, close: b.close, volume: b.volume, timestamp: time(b.timestamp) }));
    stream.onUpdatedBar((b) => print({ event: "updatedBar", symbol: b.symbol, close: b.close, timestamp: time(b.timestamp) }));
    stream.onDailyBar((b) => print({ event: "dailyBar", symbol: b.symbol, close: b.close, timestamp: time(b.timestamp) }));
    stream.onStatus((s) => print({ event: "status", symbol: s.symbol }));
    stream.onLuld((l) => print({ event: "luld", symbol: l.symbol }));
    stream.onCorrection((c) => print({ event: "correction", symbol: c.symbol }));
    stream.onCancelError((x) => print({ event: "cancelError", symbol: x.symbol }));
    stream.onOrderbook((o) => print({ event: "orderbook", symbol: o.symbol }));
    stream.onNews((n) => print({ event: "news", id: n.idRaw, headline: n.headline, symbols: n.symbols }));
}

function main() {
    // A reader that went away (the test ended) is no reason to print a stack trace.
    process.stdout.on("error", () => process.exit(0));
    const options = parseArguments(process.argv.slice(2));
    const alpaca = new Alpaca();
    const stream = openStream(alpaca, options.kind, options.url);
    listen(stream);

    // As the SDK's README does it: subscribe once the stream is authenticated (and again after every reconnect,
    // which the SDK does by itself from what it remembers).
    let first = true;
    stream.onConnect(() => {
        if (!first) {
            return;
        }
        first = false;
        for (const [channel, symbols] of Object.entries(options.subscriptions)) {
            SUBSCRIBE[channel](stream, symbols);
        }
    });
    stream.whenAuthenticated().then((result) => print({ event: "auth", ...result }));
    stream.connect();

    const input = readline.createInterface({ input: process.stdin });
    let exiting = false;
    const exit = () => {
        if (exiting) {
            return;
        }
        exiting = true;
        // The SDK closes its socket with a close handshake; nothing else keeps Node alive, so the process ends
        // once the socket has closed.
        stream.disconnect();
        input.close();
        process.stdin.destroy();
        print({ event: "exit" });
    };

    input.on("line", (line) => {
        if (line.trim() === "") {
            return;
        }
        let command;
        try {
            command = JSON.parse(line);
            if (command.action === "exit") {
                exit();
            } else if (command.action === "subscribe" || command.action === "unsubscribe") {
                const table = command.action === "subscribe" ? SUBSCRIBE : UNSUBSCRIBE;
                if (!table[command.channel]) {
                    throw new Error(`unknown channel ${command.channel}`);
                }
                table[command.channel](stream, command.symbols);
                print({ event: "sent", action: command.action, channel: command.channel, symbols: command.symbols });
            } else {
                throw new Error(`unknown action ${command.action}`);
            }
        } catch (error) {
            print({ event: "badCommand", line, message: error instanceof Error ? error.message : String(error) });
        }
    });
    input.on("close", exit);
}

try {
    main();
} catch (error) {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
}
