package io.aiomisc.stats.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.ReflectionException;
import javax.management.openmbean.OpenMBeanAttributeInfoSupport;
import javax.management.openmbean.OpenMBeanConstructorInfoSupport;
import javax.management.openmbean.OpenMBeanInfoSupport;
import javax.management.openmbean.OpenMBeanOperationInfoSupport;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * A read-only open MBean whose attributes are the components of a statistics record, read afresh from a
 * supplier on every access. Open types only (long, int, double, boolean, String), so any JMX client, JConsole
 * included, can read it without our classes, exactly as with an MXBean.
 */
public final class RecordMBean implements DynamicMBean {

    /** One attribute: a record component and how its value is shown. */
    private record Column(RecordComponent component, OpenType<?> type, String description) {
    }

    private static final Map<Class<?>, List<Column>> COLUMNS = new ConcurrentHashMap<>();

    private final Supplier<? extends Record> statistics;
    private final List<Column> columns;
    private final MBeanInfo info;

    /**
     * Creates the MBean.
     *
     * @param type       the record class the supplier returns
     * @param statistics supplies a fresh snapshot on every read
     * @param describe   the MBean's description
     */
    public RecordMBean(Class<? extends Record> type, Supplier<? extends Record> statistics, String describe) {
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.columns = COLUMNS.computeIfAbsent(type, RecordMBean::columnsOf);
        OpenMBeanAttributeInfoSupport[] attributes = new OpenMBeanAttributeInfoSupport[columns.size()];
        for (int i = 0; i < attributes.length; i++) {
            Column column = columns.get(i);
            attributes[i] = new OpenMBeanAttributeInfoSupport(column.component().getName(), column.description(),
                    column.type(), true, false, false);
        }
        this.info = new OpenMBeanInfoSupport(type.getName(), describe, attributes,
                new OpenMBeanConstructorInfoSupport[0], new OpenMBeanOperationInfoSupport[0],
                new MBeanNotificationInfo[0]);
    }

    private static List<Column> columnsOf(Class<?> type) {
        List<Column> columns = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> c = component.getType();
            OpenType<?> open;
            String unit = "";
            if (c == long.class || c == Long.class) {
                open = SimpleType.LONG;
            } else if (c == int.class || c == Integer.class) {
                open = SimpleType.INTEGER;
            } else if (c == double.class || c == Double.class || c == Duration.class) {
                open = SimpleType.DOUBLE;
                unit = c == Duration.class ? " (seconds)" : "";
            } else if (c == boolean.class || c == Boolean.class) {
                open = SimpleType.BOOLEAN;
            } else {
                open = SimpleType.STRING;
            }
            columns.add(new Column(component, open, component.getName() + unit));
        }
        return List.copyOf(columns);
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException, MBeanException,
            ReflectionException {
        Record snapshot = snapshot();
        for (Column column : columns) {
            if (column.component().getName().equals(attribute)) {
                return value(column, snapshot);
            }
        }
        throw new AttributeNotFoundException("no attribute " + attribute + " in " + info.getClassName());
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        Record snapshot;
        try {
            snapshot = snapshot();
        } catch (MBeanException e) {
            return list;
        }
        for (String name : attributes) {
            for (Column column : columns) {
                if (column.component().getName().equals(name)) {
                    try {
                        list.add(new Attribute(name, value(column, snapshot)));
                    } catch (ReflectionException e) {
                        // getAttributes reports what it can read; the others are simply absent, per its contract.
                    }
                }
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("statistics are read-only: " + attribute.getName());
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(actionName), "statistics have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }

    private Record snapshot() throws MBeanException {
        try {
            return Objects.requireNonNull(statistics.get(), "statistics supplier returned null");
        } catch (RuntimeException e) {
            throw new MBeanException(e, "reading the statistics failed");
        }
    }

    private static Object value(Column column, Record snapshot) throws ReflectionException {
        Object raw;
        try {
            raw = column.component().getAccessor().invoke(snapshot);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new ReflectionException(e, "cannot read " + column.component().getName() + " of "
                    + snapshot.getClass().getName() + " (is the record public and its package readable?)");
        }
        if (raw == null) {
            return null;
        }
        if (raw instanceof Duration duration) {
            return duration.getSeconds() + duration.getNano() / 1e9;
        }
        if (column.type() == SimpleType.STRING) {
            return raw.toString();
        }
        return raw;
    }
}
