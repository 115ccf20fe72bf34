package dev.lunora.protocol.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.lunora.api.Id;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The bridge between typed Java values and wire JSON. Records map to objects by component name (a {@code null}
 * component or an empty {@code Optional} is an absent field; unknown fields are ignored on the way in);
 * {@link Id} is its plain string; {@code BigInteger} uses the bigint tag, {@code Instant}/{@code Date} the date
 * tag, {@code byte[]} the bytes tag, {@code URI} the url tag; enums are their names; {@code Object}-typed fields
 * hold the {@link WireCodec} native model. Stateless and thread-safe.
 */
public final class WireJson {
    private static final List<Class<?>> TAGGED_TYPES = List.of(BigInteger.class, Instant.class, Date.class,
            URI.class, byte[].class, WireDate.class, WireUrl.class, WireBytes.class, WireMap.class, WireSet.class,
            WireError.class, Undefined.class);
    private static final ObjectMapper MAPPER = buildMapper();

    private WireJson() {
    }

    /**
     * The shared mapper: plain JSON parsing and writing, unknown properties ignored, and the tagged types above
     * plus {@code Id} (de)serialised in wire form, so records using them map through it directly. Records with
     * {@code Optional} components need {@link #toWire(Object)}/{@link #fromWire(JsonNode, Type)}. Do not
     * reconfigure it.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Encodes a typed Java value to wire JSON.
     *
     * @throws WireFormatException when the value cannot be represented
     */
    public static JsonNode toWire(Object value) {
        return WireCodec.encode(TypedValues.toNative(value));
    }

    /**
     * Decodes wire JSON into {@code type} ({@code JsonNode} returns the wire itself, {@code Object} the native
     * model).
     *
     * @throws WireFormatException when the wire is malformed or does not fit the type
     */
    @SuppressWarnings("unchecked")
    public static <T> T fromWire(JsonNode wire, Type type) {
        if (type instanceof Class<?> cls && JsonNode.class.isAssignableFrom(cls) && cls.isInstance(wire)) {
            return (T) wire;
        }
        return (T) TypedValues.fromNative(WireCodec.decode(wire), type);
    }

    /** As {@link #fromWire(JsonNode, Type)} for a class. */
    public static <T> T fromWire(JsonNode wire, Class<T> type) {
        return fromWire(wire, (Type) type);
    }

    /**
     * Parses JSON text; {@code -0.0} stays a double.
     *
     * @throws WireFormatException when the text is not one JSON value
     */
    public static JsonNode parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new WireFormatException("empty JSON text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new WireFormatException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes compact JSON text. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new WireFormatException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper buildMapper() {
        SimpleModule module = new SimpleModule("lunora-wire");
        module.addSerializer(Id.class, new IdSerializer());
        module.addDeserializer(Id.class, new IdDeserializer());
        for (Class<?> type : TAGGED_TYPES) {
            register(module, type);
        }
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(module)
                .build();
    }

    private static <T> void register(SimpleModule module, Class<T> type) {
        module.addSerializer(type, new TaggedSerializer<>());
        module.addDeserializer(type, new TaggedDeserializer<>(type));
    }

    /** Writes a tagged native as its wire form. */
    private static final class TaggedSerializer<T> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeTree(WireCodec.encode(value));
        }
    }

    /** Reads a tagged native from its wire form. */
    private static final class TaggedDeserializer<T> extends JsonDeserializer<T> {
        private final Class<T> type;

        TaggedDeserializer(Class<T> type) {
            this.type = type;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return fromWire(parser.readValueAsTree(), type);
        }

        @Override
        public T getNullValue(DeserializationContext context) {
            return null;
        }
    }

    /** Writes an id as its plain string. */
    @SuppressWarnings("rawtypes")
    private static final class IdSerializer extends JsonSerializer<Id> {
        @Override
        public void serialize(Id value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.value());
        }
    }

    /** Reads an id from its plain string. */
    @SuppressWarnings("rawtypes")
    private static final class IdDeserializer extends JsonDeserializer<Id> {
        @Override
        public Id deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.currentToken().equals(JsonToken.VALUE_STRING)) {
                throw new WireFormatException("an Id must be a JSON string");
            }
            return Id.of(parser.getText());
        }
    }
}
