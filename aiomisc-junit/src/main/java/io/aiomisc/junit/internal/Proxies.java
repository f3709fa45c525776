package io.aiomisc.junit.internal;

import io.aiomisc.Entrypoint;
import io.aiomisc.Service;
import io.aiomisc.junit.Proxy;
import io.aiomisc.services.tcp.TcpProxy;
import io.aiomisc.services.tcp.UdpServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Resolves {@link Proxy} parameters: finds the target among the entrypoint's services, reads its
 * {@code localAddress()}, and starts a {@link TcpProxy} to it in the same entrypoint.
 */
final class Proxies {
    private Proxies() {
    }

    /**
     * Returns the proxy of this target for the resolving context, starting it on first use.
     *
     * @throws ParameterResolutionException if the annotation, the target or its address do not fit
     */
    static TcpProxy resolve(Proxy proxy, ParameterContext parameter, Entrypoint entrypoint,
            ExtensionContext.Store store) {
        boolean byClass = proxy.service() != Service.class;
        boolean byName = !proxy.name().isEmpty();
        if (byClass == byName) {
            throw fail(parameter, "set exactly one of @Proxy(service = ...) or @Proxy(name = ...), was "
                    + describe(proxy));
        }
        String key = "proxy:" + (byClass ? "class:" + proxy.service().getName() : "name:" + proxy.name());
        // Stored as its stopper, so JUnit stops the proxy when this test (or class) is done with it.
        Stopper stopper = store.computeIfAbsent(key, k -> start(proxy, byClass, parameter, entrypoint), Stopper.class);
        return stopper.proxy;
    }

    private static Stopper start(Proxy proxy, boolean byClass, ParameterContext parameter, Entrypoint entrypoint) {
        List<Service> matches = entrypoint.services().stream()
                .filter(service -> byClass ? proxy.service().isInstance(service) : proxy.name().equals(service.name()))
                .toList();
        if (matches.size() != 1) {
            String available = entrypoint.services().stream()
                    .map(service -> service.name() + " (" + service.getClass().getName() + ")")
                    .collect(Collectors.joining(", ", "[", "]"));
            throw fail(parameter, (matches.isEmpty() ? "no service of the entrypoint matches " : matches.size()
                    + " services of the entrypoint match ") + describe(proxy) + "; its services are " + available
                    + (matches.isEmpty() ? "" : "; name one by name()"));
        }
        Service target = matches.get(0);
        if (target instanceof UdpServer) {
            throw fail(parameter, target.name() + " is a UdpServer: a TcpProxy forwards TCP only");
        }
        InetSocketAddress address = localAddress(target, parameter);
        InetAddress host = address.getAddress();
        String targetHost = host == null ? address.getHostString()
                : host.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : host.getHostAddress();
        TcpProxy tcpProxy = new TcpProxy(targetHost, address.getPort());
        entrypoint.startServices(tcpProxy);
        return new Stopper(entrypoint, tcpProxy);
    }

    private static InetSocketAddress localAddress(Service target, ParameterContext parameter) {
        Method method = addressMethod(target);
        if (method == null) {
            throw fail(parameter, "the target " + target.name() + " (" + target.getClass().getName()
                    + ") has no public localAddress() returning an InetSocketAddress that this extension can call");
        }
        try {
            InetSocketAddress address = (InetSocketAddress) method.invoke(target);
            if (address == null) {
                throw fail(parameter, "the target " + target.name() + " returned no localAddress()");
            }
            return address;
        } catch (InvocationTargetException e) {
            throw new ParameterResolutionException("cannot resolve " + parameter.getParameter() + ": localAddress() of "
                    + target.name() + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new ParameterResolutionException("cannot resolve " + parameter.getParameter() + ": localAddress() of "
                    + target.name() + " is not accessible", e);
        }
    }

    /** The most specific accessible {@code localAddress()}: a non-public subclass may inherit a public one. */
    private static Method addressMethod(Service target) {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Method method = type.getMethod("localAddress");
                if (InetSocketAddress.class.isAssignableFrom(method.getReturnType()) && method.canAccess(target)) {
                    return method;
                }
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
        return null;
    }

    private static String describe(Proxy proxy) {
        return "@Proxy(service = " + proxy.service().getName() + ".class, name = \"" + proxy.name() + "\")";
    }

    private static ParameterResolutionException fail(ParameterContext parameter, String why) {
        return new ParameterResolutionException("cannot resolve " + parameter.getParameter() + " of "
                + parameter.getDeclaringExecutable() + ": " + why);
    }

    /** Stops the proxy when JUnit closes the store that holds it; harmless once the entrypoint has stopped. */
    private record Stopper(Entrypoint entrypoint, TcpProxy proxy) implements AutoCloseable {
        @Override
        public void close() {
            entrypoint.stopServices(proxy);
        }
    }
}
