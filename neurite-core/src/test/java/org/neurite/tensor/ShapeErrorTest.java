package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Shape and index mistakes fail with a message that names the operation and the shapes involved. */
class ShapeErrorTest {

    private static Arguments error(Class<? extends RuntimeException> type, String message, Executable call) {
        return Arguments.of(message, type, call);
    }

    static Stream<Arguments> mistakes() {
        Tensor x = Tensor.zeros(2, 3);
        return Stream.of(
                error(IllegalArgumentException.class, "matmul: shapes [32, 784] and [256, 128] do not match",
                        () -> Tensor.zeros(32, 784).matmul(Tensor.zeros(256, 128))),
                error(IllegalArgumentException.class, "matmul: shapes [3, 4]ᵀ and [4, 5] do not match",
                        () -> Tensor.zeros(3, 4).matmul(Tensor.zeros(4, 5), true, false)),
                error(IllegalArgumentException.class, "matmul: shapes [2, 3, 4] and [3, 4, 5] do not match",
                        () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5))),
                error(IllegalArgumentException.class, "matmul: shapes [2, 3, 4] and [5, 6] do not match",
                        () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(5, 6))),
                error(IllegalArgumentException.class, "add: shapes [2, 3] and [4] cannot be broadcast together",
                        () -> x.add(Tensor.zeros(4))),
                error(IllegalArgumentException.class, "mul: shapes [2, 3] and [3, 3] cannot be broadcast together",
                        () -> x.mul(Tensor.zeros(3, 3))),
                error(IllegalArgumentException.class,
                        "maximum: shapes [2, 1, 3] and [4, 2] cannot be broadcast together",
                        () -> Tensor.zeros(2, 1, 3).maximum(Tensor.zeros(4, 2))),
                error(IllegalArgumentException.class, "where: shapes [2] and [3] cannot be broadcast together",
                        () -> Tensor.where(Tensor.zeros(2), Tensor.zeros(3), Tensor.zeros(3))),
                error(IllegalArgumentException.class,
                        "addInPlace: shapes [3] and [2, 3] broadcast to [2, 3], not to [3]",
                        () -> Tensor.zeros(3).addInPlace(x)),
                error(IllegalArgumentException.class, "broadcastTo: shape [2, 3] cannot be broadcast to [3]",
                        () -> x.broadcastTo(3)),
                error(IllegalArgumentException.class, "sumTo: shapes [4] and [2, 3] cannot be broadcast together",
                        () -> x.sumTo(4)),
                error(IllegalArgumentException.class, "reshape: cannot reshape [2, 3] (6 elements) to [4, -1]",
                        () -> x.reshape(4, -1)),
                error(IllegalArgumentException.class, "reshape: cannot reshape [2, 3] (6 elements) to [7]",
                        () -> x.reshape(7)),
                error(IllegalArgumentException.class, "reshape: bad target shape [-1, -1]",
                        () -> x.reshape(-1, -1)),
                error(IllegalArgumentException.class, "concat: shapes [2, 3] and [3, 3] differ outside axis 1",
                        () -> Tensor.concat(1, x, Tensor.zeros(3, 3))),
                error(IllegalArgumentException.class, "concat: shapes [2, 3] and [6] differ outside axis 0",
                        () -> Tensor.concat(0, x, Tensor.zeros(6))),
                error(IllegalArgumentException.class, "sumTo: shape [2, 3] is not a broadcast of [2, 1, 3]",
                        () -> x.sumTo(2, 1, 3)),
                error(IllegalArgumentException.class, "concat: no tensors given",
                        () -> Tensor.concat(0)),
                error(IllegalArgumentException.class, "stack: shapes [2, 3] and [3, 2] differ",
                        () -> Tensor.stack(0, x, Tensor.zeros(3, 2))),
                error(IllegalArgumentException.class,
                        "split: sizes [1, 1] add up to 2, axis 1 of shape [2, 3] has 3",
                        () -> x.split(1, 1, 1)),
                error(IllegalArgumentException.class, "sum: axis 2 is out of range for rank 2",
                        () -> x.sum(2, false)),
                error(IllegalArgumentException.class, "permute: order [0] does not fit shape [2, 3]",
                        () -> x.permute(0)),
                error(IndexOutOfBoundsException.class, "index [2, 0] is outside shape [2, 3]",
                        () -> x.get(2, 0)),
                error(IllegalArgumentException.class, "index [1] does not fit shape [2, 3]",
                        () -> x.get(1)),
                error(IndexOutOfBoundsException.class, "slice: rows [1, 3) of shape [2, 3]",
                        () -> x.slice(1, 3)),
                error(IndexOutOfBoundsException.class, "slice: [2, 4) along axis 1 of shape [2, 3]",
                        () -> x.slice(1, 2, 4)),
                error(IndexOutOfBoundsException.class, "gather: index 5 is outside [0, 2)",
                        () -> x.gather(0, 5)),
                error(IndexOutOfBoundsException.class, "scatterAdd: index -1 is outside [0, 2)",
                        () -> x.scatterAddInPlace(new int[] {-1}, Tensor.zeros(1, 3))),
                error(IllegalArgumentException.class,
                        "scatterAdd: 2 indices and rows of shape [1, 3] do not fit target [2, 3]",
                        () -> x.scatterAddInPlace(new int[] {0, 1}, Tensor.zeros(1, 3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistakesFailWithAMessageNamingTheOpAndShapes(String message, Class<? extends RuntimeException> type,
                                                      Executable call) {
        RuntimeException e = assertThrows(type, call);
        assertEquals(message, e.getMessage());
    }
}
