namespace LogFlux.Sinks.Core.Tests.Hostile;

/// <summary>Seeded random byte mutations: flips, overwrites, inserts, deletes, truncation, duplicated slices.</summary>
internal static class Mutations
{
    public static byte[] Mutate(byte[] original, Random random)
    {
        var data = new List<byte>(original);
        var steps = random.Next(1, 4);
        for (var s = 0; s < steps && data.Count > 0; s++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0: data[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: data[at] = (byte)random.Next(256); break;
                case 2: data.Insert(at, (byte)random.Next(256)); break;
                case 3: data.RemoveRange(at, Math.Min(data.Count - at, random.Next(1, 16))); break;
                case 4: data.RemoveRange(at, data.Count - at); break;
                default:
                    var length = Math.Min(data.Count - at, random.Next(1, 64));
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
            }
        }
        return data.ToArray();
    }
}
