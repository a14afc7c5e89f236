package io.dinp.router;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds the pipeline of each client connection. */
final class FrontendInitializer extends ChannelInitializer<Channel> {
    private final ProxyContext context;

    FrontendInitializer(ProxyContext context) {
        this.context = context;
    }

    @Override
    protected void initChannel(Channel ch) {
        RouterConfig config = context.config();
        ch.pipeline().addLast(
                new IdleStateHandler(0, 0, config.clientIdleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                new HttpServerCodec(new HttpDecoderConfig().setMaxHeaderSize(config.maxHeaderSize())),
                // One decoded message per read(), so a pipelined next request waits its turn.
                new OneMessagePerRead(),
                new FrontendHandler(context));
    }
}
