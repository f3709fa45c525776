package io.aiomisc.junit;

import io.aiomisc.Service;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a started {@link io.aiomisc.services.tcp.TcpProxy} in front of a service of the test's entrypoint
 * (aiomisc's {@code tcp_proxy} fixture): {@code @Proxy(service = EchoServer.class) TcpProxy proxy} or
 * {@code @Proxy(name = "echo") TcpProxy proxy} in a test, {@code @BeforeEach} or (with {@code PER_CLASS})
 * {@code @BeforeAll} method of an {@link AiomiscTest} class.
 *
 * <p>The target is named by exactly one of {@link #service()} (the service that is an instance of that class) or
 * {@link #name()} (the service whose {@link Service#name()} equals it), looked up among the running entrypoint's
 * services; exactly one must match. The service must have a public no-argument {@code localAddress()} returning
 * an {@link java.net.InetSocketAddress} (as {@code TcpServer}, {@code RawTcpServer}, {@code TlsServer} and
 * {@code HttpServer} do); it is read after the entrypoint started, so servers bound to port 0 work. A wildcard
 * address ({@code 0.0.0.0}, {@code ::}) is reached through the loopback address. {@code UdpServer}s are refused:
 * the proxy is TCP only.
 *
 * <p>The proxy listens on an unused port of 127.0.0.1 ({@code proxy.localAddress()}) and is started in the same
 * entrypoint, so it stops with it; parameters of one test (its {@code @BeforeEach} methods included) that name the
 * same target get the same proxy. A proxy resolved for a test is stopped after that test even when the entrypoint
 * lives on ({@code PER_CLASS}). Anything that does not fit fails the test with a
 * {@link org.junit.jupiter.api.extension.ParameterResolutionException} naming the parameter and the target.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Proxy {
    /**
     * The class of the target service (it, or a subclass); {@code Service.class} (the default) when the target is
     * named by {@link #name()} instead.
     *
     * @return the class of the target
     */
    Class<? extends Service> service() default Service.class;

    /**
     * The {@link Service#name()} of the target service; empty (the default) when it is named by {@link #service()}.
     *
     * @return the name, or empty
     */
    String name() default "";
}
