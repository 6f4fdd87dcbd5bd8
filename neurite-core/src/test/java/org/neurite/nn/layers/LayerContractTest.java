package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neurite.testing.LayerCase.MaskRule.CONSUMES;
import static org.neurite.testing.LayerCase.MaskRule.DROPS;
import static org.neurite.testing.LayerCase.MaskRule.NOT_A_SEQUENCE;
import static org.neurite.testing.LayerCase.MaskRule.PRODUCES;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.io.LayerRegistry;
import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.testing.LayerCase;
import org.neurite.testing.LayerContract;
import org.neurite.text.TextVectorization;

/**
 * Every layer type keeps the layer contract ({@link LayerContract}); a layer type that exists but has
 * no case here fails {@link #everyLayerTypeHasACase()}. Adding a layer is one line below. Parameter
 * counts are Keras' for the same instance.
 */
class LayerContractTest {
    static List<LayerCase> cases() {
        return List.of(
                LayerCase.of(() -> new Dense(3, Activation.TANH), 3, 4).params(15),
                LayerCase.of(() -> new Dropout(0.5f), 3, 4),
                LayerCase.of(() -> new ActivationLayer(Activation.TANH), 3, 4),
                LayerCase.of(Flatten::new, 3, 4).mask(DROPS),
                LayerCase.of(() -> new Reshape(4, 3), 3, 4).mask(DROPS),
                LayerCase.of(() -> new Masking(0f), 3, 4).mask(PRODUCES),
                LayerCase.of(() -> new RepeatVector(3), 4).mask(NOT_A_SEQUENCE),
                LayerCase.of(() -> Embedding.builder().setInputDim(6).setOutputDim(2).optMaskZero(true).build(), 3)
                        .ids(6).params(12).mask(PRODUCES),
                LayerCase.of(() -> new TimeDistributed(new Dense(2)), 3, 4).params(10),
                LayerCase.of(GlobalAveragePooling1D::new, 3, 4).mask(CONSUMES),
                LayerCase.of(GlobalMaxPooling1D::new, 3, 4).mask(DROPS),
                LayerCase.of(Add::new, 3, 2).and(3, 2),
                LayerCase.of(Subtract::new, 3, 2).and(3, 2),
                LayerCase.of(Multiply::new, 3, 2).and(3, 2),
                LayerCase.of(Average::new, 3, 2).and(3, 2),
                LayerCase.of(Maximum::new, 3, 2).and(3, 2),
                LayerCase.of(Minimum::new, 3, 2).and(3, 2),
                LayerCase.of(Concatenate::new, 3, 2).and(3, 1),
                LayerCase.of(() -> new SimpleRNN(2), 3, 4).params(14).mask(CONSUMES),
                LayerCase.of(() -> new LSTM(2), 3, 4).params(56).mask(CONSUMES),
                LayerCase.of(() -> new GRU(2), 3, 4).params(48).mask(CONSUMES),
                LayerCase.of(() -> new Bidirectional(LSTM.builder().setUnits(2).optReturnSequences(true).build()), 3, 4)
                        .params(112),
                LayerCase.of(() -> new Bidirectional(LSTM.builder().setUnits(2).optReturnSequences(true).build(),
                        Bidirectional.MergeMode.CONCAT, GRU.builder().setUnits(3).optGoBackwards(true)
                        .optReturnSequences(true).build()), 3, 4).params(56 + 81),
                LayerCase.of(() -> new Conv1D(2, 2), 3, 4).params(18).mask(DROPS),
                LayerCase.of(() -> Conv1D.builder().setFilters(4).setKernelSize(2).optGroups(2)
                        .optPadding(ConvPadding.CAUSAL).optActivation(Activation.TANH).build(), 3, 4).params(20).mask(DROPS),
                LayerCase.of(MaxPooling1D::new, 4, 3).mask(DROPS),
                LayerCase.of(() -> new AveragePooling1D(null, 3, 2, ConvPadding.SAME), 4, 3).mask(DROPS),
                LayerCase.of(() -> new ZeroPadding1D(1, 2), 3, 2).mask(DROPS),
                LayerCase.of(UpSampling1D::new, 3, 2).mask(DROPS),
                LayerCase.of(() -> new SpatialDropout1D(0.5f), 3, 4),
                LayerCase.of(LayerNormalization::new, 3, 4).params(8),
                LayerCase.of(BatchNormalization::new, 3, 4).params(16),
                LayerCase.of(RMSNormalization::new, 3, 4).params(4).mask(DROPS),
                LayerCase.of(() -> Attention.builder().optUseScale(true).optScoreMode(Attention.ScoreMode.CONCAT)
                        .optUseCausalMask(true).build(), 3, 4).and(5, 4).params(2),
                LayerCase.of(AdditiveAttention::new, 3, 4).and(5, 2).and(5, 4).params(4),
                LayerCase.of(() -> MultiHeadAttention.builder().setNumHeads(2).setKeyDim(3).optValueDim(2)
                        .optOutputShape(5).build(), 3, 4).and(5, 2).params(4 * 6 + 6 + 2 * 6 + 6 + 2 * 4 + 4 + 4 * 5 + 5),
                LayerCase.of(() -> GroupedQueryAttention.builder().setHeadDim(2).setNumQueryHeads(4)
                        .setNumKeyValueHeads(2).optUseCausalMask(true).build(), 3, 4).and(3, 4)
                        .params(4 * 8 + 8 + 4 * 4 + 4 + 4 * 4 + 4 + 8 * 4 + 4),
                LayerCase.of(() -> new PositionEmbedding(5), 3, 4).params(20).mask(DROPS),
                LayerCase.of(SinePositionEncoding::new, 3, 4).mask(DROPS),
                LayerCase.of(() -> new TokenAndPositionEmbedding(null, 6, 3, 2,
                        Initializer.randomUniform(), true), 3).ids(6).params(18).mask(PRODUCES),
                LayerCase.of(() -> TransformerEncoder.builder().setIntermediateDim(3).setNumHeads(2)
                        .optActivation(Activation.GELU).build(), 3, 4).params(80 + 8 + 8 + 15 + 16),
                LayerCase.of(() -> TransformerDecoder.builder().setIntermediateDim(3).setNumHeads(2)
                        .optNormalizeFirst(true).build(), 3, 4).params(80 + 8 + 15 + 16 + 8),
                LayerCase.of(() -> TransformerDecoder.builder().setIntermediateDim(3).setNumHeads(2)
                        .optActivation(Activation.SILU).build(), 3, 4).and(5, 5)
                        .params(80 + 8 + 88 + 8 + 15 + 16 + 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputShapeIsTheOnePromised(LayerCase c) {
        LayerContract.assertOutputShapeMatches(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parameterCountIsKeras(LayerCase c) {
        LayerContract.assertParameterCount(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configRoundTripsThroughTheRegistry(LayerCase c) {
        LayerContract.assertConfigRoundTrips(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void modelFileRoundTripGivesBitIdenticalOutputs(LayerCase c, @TempDir Path dir) throws IOException {
        LayerContract.assertModelFileRoundTripIsBitIdentical(c, dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void maskIsHandledAsDeclared(LayerCase c) {
        LayerContract.assertMaskHandled(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneTrainingStepChangesEveryTrainableWeight(LayerCase c) {
        LayerContract.assertTrainingStepChangesEveryTrainableWeight(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(LayerCase c) {
        LayerContract.assertGradientsMatchFiniteDifferences(c);
    }

    @Test
    void everyRegisteredTypeHasACase() {
        assertEquals(LayerRegistry.types(), covered(), "registered layer types vs the types with a case here");
    }

    /**
     * Layers that hold user code and so can never be registered: a model file never instantiates
     * classes it names. RNN (a user-defined cell) keeps the rest of the contract in RNNTest.
     */
    private static final Set<String> HOLD_USER_CODE = Set.of("RNN");

    /**
     * Every concrete layer class of the library is registered (so covered above): none is left
     * unsaveable. TextVectorization reads texts, not tensors, so it runs in front of a network
     * (org.neurite.models) and model files keep it in their vectorizer section (TextModelTest).
     */
    @Test
    void everyLayerTypeHasACase() {
        Set<String> classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.neurite").stream()
                .filter(c -> c.isAssignableTo(Layer.class) && !c.isAssignableTo(Network.class)
                        && !c.isAssignableTo(TextVectorization.class))
                .filter(c -> !c.getModifiers().contains(JavaModifier.ABSTRACT) && !c.isAnonymousClass())
                .map(JavaClass::getSimpleName)
                .filter(name -> !HOLD_USER_CODE.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> coveredClasses = cases().stream().map(c -> c.layer().get().getClass().getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(classes, coveredClasses, "layer classes vs the classes with a case here");
    }

    private static Set<String> covered() {
        return cases().stream().map(LayerCase::type).collect(Collectors.toCollection(TreeSet::new));
    }
}
