namespace Switchyard.Memory.Local;

/// <summary>Vector helpers. Plain loops: 384 floats per call, nowhere near a hot spot next to the model or the index.</summary>
internal static class VectorMath
{
    /// <summary>Scales <paramref name="vector"/> to unit length in place; a zero vector is left as is.</summary>
    public static void Normalize(float[] vector)
    {
        double sum = 0;
        foreach (var value in vector)
        {
            sum += value * value;
        }

        if (sum > 0)
        {
            var scale = (float)(1 / Math.Sqrt(sum));
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] *= scale;
            }
        }
    }
}
