using Mono.Cecil;

namespace Stm.Weaving.Il;

/// <summary>
/// Resolution that tolerates references the resolver cannot find (an assembly missing from the
/// input's folder): the passes go on, and the weaver refuses the input at the end (STM0030), so
/// one run lists every missing dependency.
/// </summary>
public static class Resolution
{
    public static TypeDefinition? TryResolve(this TypeReference type)
    {
        try
        {
            return type.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }

    public static MethodDefinition? TryResolve(this MethodReference method)
    {
        try
        {
            return method.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }

    public static FieldDefinition? TryResolve(this FieldReference field)
    {
        try
        {
            return field.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }
}
