namespace Platform.Hosting.Model;

/// <summary>A handle on a declared resource, for fluent configuration.</summary>
public interface IResourceBuilder<out T> where T : Resource
{
    /// <summary>The resource being configured.</summary>
    T Resource { get; }

    /// <summary>The application the resource belongs to.</summary>
    DistributedApplicationBuilder ApplicationBuilder { get; }
}
