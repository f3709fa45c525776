package io.aiomisc.junit.internal;

import io.aiomisc.Service;
import io.aiomisc.junit.Services;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/** Calls the {@link Services} methods of a test class and collects the services they return. */
final class ServiceMethods {
    private ServiceMethods() {
    }

    static List<Service> collect(ExtensionContext context, Class<?> testClass) {
        List<Service> services = new ArrayList<>();
        for (Method method : AnnotationSupport.findAnnotatedMethods(testClass, Services.class,
                HierarchyTraversalMode.TOP_DOWN)) {
            Object target = null;
            if (!Modifier.isStatic(method.getModifiers())) {
                target = context.getTestInstance().orElseThrow(() -> new ExtensionConfigurationException(
                        "@Services method " + describe(method) + " must be static: the entrypoint of this class "
                                + "starts before any test instance exists (scope PER_CLASS); make it static or "
                                + "annotate the class with @TestInstance(Lifecycle.PER_CLASS)"));
            }
            add(services, context.getExecutableInvoker().invoke(method, target), method);
        }
        return services;
    }

    private static void add(List<Service> services, Object returned, Method method) {
        if (returned instanceof Service service) {
            services.add(service);
        } else if (returned instanceof Service[] array) {
            for (Service service : array) {
                services.add(checked(service, method));
            }
        } else if (returned instanceof Iterable<?> iterable) {
            for (Object element : iterable) {
                if (element != null && !(element instanceof Service)) {
                    throw new ExtensionConfigurationException("@Services method " + describe(method)
                            + " returned an element that is not a Service: " + element);
                }
                services.add(checked((Service) element, method));
            }
        } else {
            throw new ExtensionConfigurationException("@Services method " + describe(method)
                    + " must return a Service, a Service[] or an Iterable of services, but returned " + returned);
        }
    }

    private static Service checked(Service service, Method method) {
        if (service == null) {
            throw new ExtensionConfigurationException("@Services method " + describe(method) + " returned a null service");
        }
        return service;
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
    }
}
