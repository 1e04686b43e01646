package io.driftwatch.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Exposes {@link Topics} to service configuration as {@code driftwatch.topic.<name>}, so that
 * channel definitions in application.properties reference the one definition of each topic name
 * (for example {@code mp.messaging.incoming.items.topic=${driftwatch.topic.configuration-items}}).
 * Low ordinal: an operator may still override a name.
 */
public class TopicsConfigSource implements ConfigSource {
    private static final Map<String, String> PROPERTIES = new HashMap<>();

    static {
        for (String topic : Topics.ALL) {
            PROPERTIES.put("driftwatch.topic." + topic.substring("driftwatch.".length()), topic);
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "driftwatch-topics";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
