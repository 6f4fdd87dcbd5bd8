package org.neurite.cli.bench;

import picocli.CommandLine.Command;

/** {@code neurite bench ...}: speed measurements that print one parseable line per figure. */
@Command(name = "bench", description = "Measure the engine's speed.", mixinStandardHelpOptions = true,
        subcommands = {GemmBench.class, MlpBench.class, LstmBench.class, TransformerBench.class, ConvBench.class, MaskingBench.class, TextBench.class, CorpusBench.class,
                KerasImportBench.class,
                PeersBench.class})
public final class BenchCommand {
}
