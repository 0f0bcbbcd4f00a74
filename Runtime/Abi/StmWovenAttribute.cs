using System.ComponentModel;

namespace Stm.Abi;

/// <summary>
/// Marks an assembly the weaver rewrote: the weaver version and options. Weaving it again is a
/// no-op, and other woven assemblies treat calls into it as calls into woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class StmWovenAttribute(string weaverVersion, string options) : Attribute
{
    /// <summary>Version of the weaver that rewrote the assembly.</summary>
    public string WeaverVersion { get; } = weaverVersion;

    /// <summary>The weaving options, as <c>name=value</c> pairs separated by semicolons.</summary>
    public string Options { get; } = options;
}
