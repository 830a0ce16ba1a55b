using Cloud.Unum.USearch;
using Switchyard.Memory;

namespace Switchyard.Memory.Local;

/// <summary>One session's USearch index and its file. Every operation takes the instance lock: USearch's C# binding does not promise concurrent add and search.</summary>
internal sealed class SessionIndex : IDisposable
{
    private readonly USearchIndex _index;
    private readonly string _path;
    private readonly Lock _lock = new();
    private bool _changed;

    private SessionIndex(USearchIndex index, string path, bool changed)
    {
        _index = index;
        _path = path;
        _changed = changed;
    }

    /// <summary>A new, empty index for <paramref name="path"/> (written on the first save).</summary>
    public static SessionIndex Create(string path, USearchIndexOptions options) =>
        new(
            new USearchIndex(
                MetricKind.Cos,
                ScalarKind.Float32,
                (ulong)options.Dimensions,
                (ulong)options.Connectivity,
                (ulong)options.ExpansionAdd,
                (ulong)options.ExpansionSearch,
                false),
            path,
            changed: true);

    /// <summary>The index saved at <paramref name="path"/>, or null when it is missing, unreadable, of another dimension or not holding <paramref name="expectedCount"/> vectors.</summary>
    public static SessionIndex? TryLoad(string path, USearchIndexOptions options, int expectedCount)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        USearchIndex? index = null;
        try
        {
            index = new USearchIndex(path, false);
            if (index.Dimensions() == (ulong)options.Dimensions && index.Size() == (ulong)expectedCount)
            {
                return new SessionIndex(index, path, changed: false);
            }
        }
        catch (USearchException)
        {
            // A torn or foreign file: the caller rebuilds from the store.
        }

        index?.Dispose();
        return null;
    }

    /// <summary>
    /// Adds the vectors whose keys are not in the index yet. Adding is idempotent because an index opened (and so
    /// rebuilt from the store) just after the store wrote new memories already holds them when the add arrives.
    /// </summary>
    public void Add(ulong[] keys, float[][] vectors)
    {
        lock (_lock)
        {
            var fresh = Enumerable.Range(0, keys.Length).Where(i => !_index.Contains(keys[i])).ToArray();
            if (fresh.Length == 0)
            {
                return;
            }

            _index.Add(fresh.Select(i => keys[i]).ToArray(), fresh.Select(i => vectors[i]).ToArray());
            _changed = true;
        }
    }

    public IReadOnlyList<VectorHit> Search(float[] query, int count)
    {
        lock (_lock)
        {
            if (count <= 0 || _index.Size() == 0)
            {
                return [];
            }

            var found = _index.Search(query, count, out var keys, out var distances);
            var hits = new VectorHit[found];
            for (var i = 0; i < found; i++)
            {
                // USearch's cosine metric is a distance: 1 − similarity.
                hits[i] = new VectorHit((long)keys[i], 1 - distances[i]);
            }

            return hits;
        }
    }

    public void Remove(IReadOnlyList<long> ids)
    {
        lock (_lock)
        {
            foreach (var id in ids)
            {
                if (_index.Contains((ulong)id))
                {
                    _index.Remove((ulong)id);
                    _changed = true;
                }
            }
        }
    }

    /// <summary>Writes the index to a temporary file and renames it over the old one, so a crash never leaves a torn file.</summary>
    public void SaveIfChanged()
    {
        lock (_lock)
        {
            if (!_changed)
            {
                return;
            }

            var temporary = _path + ".tmp";
            _index.Save(temporary);
            File.Move(temporary, _path, overwrite: true);
            _changed = false;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _index.Dispose();
        }
    }
}
