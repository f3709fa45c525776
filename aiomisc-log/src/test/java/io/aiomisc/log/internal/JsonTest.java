package io.aiomisc.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String roundTrip(String value) throws Exception {
        StringBuilder json = new StringBuilder();
        Json.appendString(json, value);
        byte[] utf8 = json.toString().getBytes(StandardCharsets.UTF_8);
        return MAPPER.readValue(utf8, String.class);
    }

    @Test
    void everyBasicMultilingualPlaneCharacterSurvivesAJsonParser() throws Exception {
        StringBuilder all = new StringBuilder(65536);
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c); // unpaired surrogates included: they are escaped, not mangled to '?'
        }
        assertEquals(all.toString(), roundTrip(all.toString()));
    }

    @Test
    void surrogatePairsAreKeptAsUtf8() throws Exception {
        String turtle = "\uD83D\uDC22 and \uD83D\uDE00";
        StringBuilder json = new StringBuilder();
        Json.appendString(json, turtle);
        assertEquals("\"" + turtle + "\"", json.toString(), "emoji are written as they are");
        assertEquals(turtle, roundTrip(turtle));
    }

    @Test
    void controlCharactersUseTheShortEscapesWhereJsonHasThem() {
        StringBuilder json = new StringBuilder();
        Json.appendString(json, "\"\\\n\r\t\b\f\u0000\u001f\u2028");
        assertEquals("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0000\\u001f\\u2028\"", json.toString());
    }

    @Test
    void nullIsTheJsonNull() {
        StringBuilder json = new StringBuilder();
        Json.appendString(json, null);
        assertEquals("null", json.toString());
    }
}
