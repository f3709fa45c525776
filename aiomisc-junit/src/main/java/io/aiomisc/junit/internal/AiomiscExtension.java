package io.aiomisc.junit.internal;

import io.aiomisc.Context;
import io.aiomisc.Entrypoint;
import io.aiomisc.junit.AiomiscTest;
import io.aiomisc.junit.Proxy;
import io.aiomisc.junit.UnusedPort;
import io.aiomisc.services.tcp.TcpProxy;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link AiomiscTest}: starts and stops the entrypoint around each test or class and resolves
 * {@link Entrypoint}, {@link Context}, {@link UnusedPort} and {@link Proxy} parameters. Not API: users name it only through the
 * annotation.
 *
 * <p>State lives in JUnit's extension store, so one instance may serve tests running in parallel.
 */
public final class AiomiscExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AiomiscExtension.class);
    private static final String ENTRYPOINT = "entrypoint";
    private static final String OWNER = "entrypoint-owner";

    /** Created by JUnit through {@link AiomiscTest}. */
    public AiomiscExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (settings(context).scope() == AiomiscTest.Scope.PER_CLASS && running(context).isEmpty()) {
            start(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopIfOwned(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).scope() == AiomiscTest.Scope.PER_TEST) {
            start(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopIfOwned(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (parameter.isAnnotated(UnusedPort.class)) {
            return type == int.class || type == Integer.class;
        }
        if (parameter.isAnnotated(Proxy.class)) {
            return type == TcpProxy.class;
        }
        return type == Entrypoint.class || type == Context.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<UnusedPort> port = parameter.findAnnotation(UnusedPort.class);
        if (port.isPresent()) {
            return unusedPort(port.get().value(), context);
        }
        Entrypoint entrypoint = running(context).orElseThrow(() -> new ParameterResolutionException(
                "no entrypoint is running for " + parameter.getParameter() + " of "
                        + parameter.getDeclaringExecutable() + ": with @AiomiscTest(scope = PER_TEST) the entrypoint"
                        + " starts before each test, after the test instance is created; ask for it in a test or"
                        + " @BeforeEach method, or use scope PER_CLASS"));
        Optional<Proxy> proxy = parameter.findAnnotation(Proxy.class);
        if (proxy.isPresent()) {
            return Proxies.resolve(proxy.get(), parameter, entrypoint, context.getStore(NAMESPACE));
        }
        return parameter.getParameter().getType() == Context.class ? entrypoint.context() : entrypoint;
    }

    private static int unusedPort(String name, ExtensionContext context) {
        if (name.isEmpty()) {
            return UnusedPorts.take();
        }
        // Shared by name within the store of this test (or class, when the entrypoint lives per class).
        ExtensionContext.Store store = storeOfEntrypoint(context);
        return store.computeIfAbsent("port:" + name, key -> UnusedPorts.take(), Integer.class);
    }

    private static ExtensionContext.Store storeOfEntrypoint(ExtensionContext context) {
        if (settings(context).scope() == AiomiscTest.Scope.PER_CLASS) {
            ExtensionContext classContext = context;
            while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
                classContext = classContext.getParent().get();
            }
            return classContext.getStore(NAMESPACE);
        }
        return context.getStore(NAMESPACE);
    }

    private static void start(ExtensionContext context) {
        AiomiscTest settings = settings(context);
        var services = ServiceMethods.collect(context, context.getRequiredTestClass());
        Entrypoint entrypoint = Entrypoint.builder()
                .logConfig(settings.logConfig())
                .catchSignals(false)
                .services(services.toArray(io.aiomisc.Service[]::new))
                .start();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(ENTRYPOINT, entrypoint);
        store.put(OWNER, context.getUniqueId());
    }

    private static void stopIfOwned(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (!context.getUniqueId().equals(store.get(OWNER, String.class))) {
            return;
        }
        store.remove(OWNER);
        Entrypoint entrypoint = store.remove(ENTRYPOINT, Entrypoint.class);
        if (entrypoint != null) {
            entrypoint.close();    // throws EntrypointException when a stop failed: that fails the test
        }
    }

    private static Optional<Entrypoint> running(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(ENTRYPOINT, Entrypoint.class));
    }

    private static AiomiscTest settings(ExtensionContext context) {
        Optional<Class<?>> type = context.getTestClass();
        while (type.isPresent()) {
            Optional<AiomiscTest> found = AnnotationSupport.findAnnotation(type.get(), AiomiscTest.class);
            if (found.isPresent()) {
                return found.get();
            }
            type = Optional.ofNullable(type.get().getEnclosingClass());
        }
        throw new ExtensionConfigurationException("AiomiscExtension is meant to be used through @AiomiscTest, which "
                + context.getTestClass().map(Class::getName).orElse("this test") + " does not carry");
    }
}
