package org.neurite.cli.bench.peers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures out of a run's standard output. Peers print JSON lines: the
 * {@code WORKLOAD-summary} line's {@code median_s} is the epoch and the {@code WORKLOAD-infer} line's
 * the prediction pass, both already scaled to the full sample count. Neurite prints
 * {@code epoch_seconds=} (once per epoch, or once for the median of its epochs) and
 * {@code predict_seconds=}; as for the peers, the epoch is the median of the epochs after the first,
 * which pays for the JIT's warm-up.
 */
public final class RunOutput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEURITE = Pattern.compile("^(epoch_seconds|predict_seconds)=([0-9.]+)\\s*$");

    private RunOutput() {
    }

    /** The figures in a peer's output for {@code workload} ({@code mlp}, {@code lstm}, ...); missing ones are absent. */
    public static Map<Phase, Double> peer(List<String> lines, String workload) {
        Map<Phase, Double> figures = new EnumMap<>(Phase.class);
        for (String line : lines) {
            JsonNode node = json(line);
            if (node == null || !node.path("median_s").isNumber()) {
                continue;
            }
            String name = node.path("workload").asText();
            if (name.equals(workload + "-summary")) {
                figures.put(Phase.TRAIN, node.get("median_s").asDouble());
            } else if (name.equals(workload + "-infer")) {
                figures.put(Phase.PREDICT, node.get("median_s").asDouble());
            }
        }
        return figures;
    }

    /**
     * The figures in Neurite's {@code bench} output, each multiplied by its phase's {@code scales}
     * (the full sample count over the samples that ran; 1 when the command scales itself).
     */
    public static Map<Phase, Double> neurite(List<String> lines, Map<Phase, Double> scales) {
        Map<Phase, Double> figures = new EnumMap<>(Phase.class);
        List<Double> epochs = new ArrayList<>();
        for (String line : lines) {
            Matcher m = NEURITE.matcher(line);
            if (m.matches()) {
                double seconds = Double.parseDouble(m.group(2));
                if (m.group(1).equals("epoch_seconds")) {
                    epochs.add(seconds);
                } else {
                    figures.put(Phase.PREDICT, seconds * scales.get(Phase.PREDICT));
                }
            }
        }
        if (!epochs.isEmpty()) {
            double[] warm = epochs.subList(epochs.size() > 1 ? 1 : 0, epochs.size()).stream()
                    .mapToDouble(Double::doubleValue).toArray();
            figures.put(Phase.TRAIN, Summary.median(warm) * scales.get(Phase.TRAIN));
        }
        return figures;
    }

    private static JsonNode json(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return null; // a peer's log line that happens to start with a brace
        }
    }
}
