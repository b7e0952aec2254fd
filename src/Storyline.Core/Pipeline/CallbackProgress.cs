namespace Storyline.Pipeline;

/// <summary>Reports progress on the calling thread, in order (the framework's Progress&lt;T&gt; posts to the thread pool, out of order).</summary>
public sealed class CallbackProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
