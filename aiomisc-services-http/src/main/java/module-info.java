/**
 * The HTTP/1.1 server service of aiomisc: {@link io.aiomisc.services.http.HttpServer}, built with
 * {@link io.aiomisc.services.http.HttpServer#builder()}, serving routes and filters on the entrypoint's shared
 * Netty event loops ({@link io.aiomisc.services.tcp.NettyLoop}). No Netty type appears in this module's API.
 */
module io.aiomisc.services.http {
    requires transitive io.aiomisc.services.tcp;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.handler;
    requires org.slf4j;

    exports io.aiomisc.services.http;
}
