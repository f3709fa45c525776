package io.aiomisc.log.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.util.Map;

/**
 * One JSON object per line: {@code timestamp}, {@code level}, {@code logger}, {@code thread}, {@code message},
 * {@code mdc} (when not empty), {@code exception} (when present). Our own rather than logback's
 * {@code JsonEncoder}, which wrote invalid JSON in some releases. Thread-safe.
 */
public final class JsonEncoder extends LineEncoder {

    private final Timestamps timestamps = Timestamps.iso8601();

    /** Creates the encoder. */
    public JsonEncoder() {
        super(256);
    }

    @Override
    void write(StringBuilder out, ILoggingEvent event) {
        out.append("{\"timestamp\":\"");
        timestamps.append(out, event.getTimeStamp());
        out.append("\",\"level\":\"").append(event.getLevel()).append("\",\"logger\":");
        Json.appendString(out, event.getLoggerName());
        out.append(",\"thread\":");
        Json.appendString(out, event.getThreadName());
        out.append(",\"message\":");
        Json.appendString(out, event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null && !mdc.isEmpty()) {
            out.append(",\"mdc\":{");
            boolean first = true;
            for (Map.Entry<String, String> entry : mdc.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                Json.appendString(out, entry.getKey());
                out.append(':');
                Json.appendString(out, entry.getValue());
            }
            out.append('}');
        }
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null) {
            out.append(",\"exception\":{\"class\":");
            Json.appendString(out, throwable.getClassName());
            out.append(",\"message\":");
            Json.appendString(out, throwable.getMessage());
            out.append(",\"stackTrace\":");
            Json.appendString(out, ThrowableProxyUtil.asString(throwable));
            out.append('}');
        }
        out.append("}\n");
    }
}
