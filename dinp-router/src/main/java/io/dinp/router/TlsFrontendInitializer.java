package io.dinp.router;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SniHandler;

/**
 * Builds the pipeline of each client connection of the TLS listener: the server name the client
 * asks for (SNI) picks the certificate ({@link TlsContexts}), then the protocol agreed by ALPN
 * picks the request handling ({@link ProtocolSwitch}).
 */
final class TlsFrontendInitializer extends ChannelInitializer<Channel> {
    private final ProxyContext context;
    private final TlsContexts tlsContexts;

    TlsFrontendInitializer(ProxyContext context, TlsContexts tlsContexts) {
        this.context = context;
        this.tlsContexts = tlsContexts;
    }

    @Override
    protected void initChannel(Channel ch) {
        // The whole handshake, from connecting, gets as long as a request head would.
        long handshakeTimeout = context.config().requestHeadTimeout().toMillis();
        ch.pipeline().addLast(new SniHandler(tlsContexts, handshakeTimeout), new ProtocolSwitch(context));
    }
}
