package io.dinp.router;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * Builds the pipeline of each client connection of the plain HTTP listener. The TLS listener
 * ({@link TlsFrontendInitializer}) puts the same HTTP/1.1 handling behind its TLS handshake.
 */
final class FrontendInitializer extends ChannelInitializer<Channel> {
    static final String HTTP = "http";
    static final String HTTPS = "https";

    private final ProxyContext context;

    FrontendInitializer(ProxyContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(Channel ch) {
        addHttp1(ch.pipeline(), context, HTTP);
    }

    /**
     * Appends the HTTP/1.1 request handling to a client connection's pipeline.
     *
     * @param scheme how the client reached the router ({@link #HTTP}, {@link #HTTPS}), told to apps
     */
    static void addHttp1(ChannelPipeline pipeline, ProxyContext context, String scheme) {
        RouterConfig config = context.config();
        ClientTimeouts timeouts = new ClientTimeouts(config.clientIdleTimeout(), config.requestHeadTimeout());
        pipeline.addLast(
                timeouts,
                new HttpServerCodec(decoderConfig(config)),
                new ExchangeObserver(context.metrics(), context.accessLog()),
                // One decoded message per read(), so a pipelined next request waits its turn.
                new OneMessagePerRead(),
                new FrontendHandler(context, timeouts, scheme));
    }

    /**
     * How client requests are parsed. Each rule is spelled out rather than left to Netty's
     * defaults, some of which follow system properties: these keep the router and the apps
     * agreeing on where each request ends. {@link RequestValidator} adds the rest.
     */
    static HttpDecoderConfig decoderConfig(RouterConfig config) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(config.maxRequestLineLength())
                .setMaxHeaderSize(config.maxHeaderSize())
                // Lines end with CRLF only; a bare CR or LF is an error, not a line end.
                .setStrictLineParsing(true)
                // chunked must be the final coding, Transfer-Encoding is refused in HTTP/1.0, and
                // with Content-Length too.
                .setUseRfc9112TransferEncoding(true)
                // A second Content-Length is an error even when it repeats the first.
                .setAllowDuplicateContentLengths(false)
                // Header names must be tokens; values may hold no control character (NUL, CR, LF...).
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory()
                        .withNameValidation(true).withValueValidation(true))
                .setTrailersFactory(DefaultHttpHeadersFactory.trailersFactory()
                        .withNameValidation(true).withValueValidation(true));
    }
}
