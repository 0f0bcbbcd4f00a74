using System.Reflection;

namespace Stm.WovenRunner;

/// <summary>
/// Type arguments for JIT-compiling a generic type's or method's code: first each candidate type
/// for all parameters at once, then a search per parameter that also tries what its constraints
/// ask for (the constraint type itself, with earlier parameters substituted, and the types of the
/// assembly that implement it), so that libraries whose generics are constrained
/// (<c>where TEdge : IEdge&lt;TVertex&gt;</c>) compile too. The caller checks each assignment.
/// </summary>
internal static class GenericInstantiation
{
    private static readonly Type[] Candidates = [typeof(int), typeof(string), typeof(object), typeof(double), typeof(long)];
    private const int ImplementationsPerParameter = 3;

    /// <summary>Partial assignments the search looks at before it gives up (bounds its time on pathological constraints).</summary>
    private const int SearchBudget = 2000;

    public static IEnumerable<Type[]> Assignments(Type[] parameters, Assembly assembly)
    {
        foreach (var candidate in Candidates)
            yield return [.. parameters.Select(_ => candidate)];
        var order = DependencyOrder(parameters);
        foreach (var assignment in Search(order, 0, new Dictionary<Type, Type>(), assembly, new int[1]))
            yield return [.. parameters.Select(p => assignment[p])];
    }

    private static IEnumerable<Dictionary<Type, Type>> Search(Type[] order, int index, Dictionary<Type, Type> assigned, Assembly assembly, int[] visited)
    {
        if (index == order.Length)
        {
            yield return assigned;
            yield break;
        }
        var parameter = order[index];
        foreach (var candidate in CandidatesFor(parameter, assigned, assembly).Distinct())
        {
            if (++visited[0] > SearchBudget)
                yield break;
            assigned[parameter] = candidate;
            if (Satisfies(parameter, candidate, assigned))
            {
                foreach (var complete in Search(order, index + 1, assigned, assembly, visited))
                    yield return complete;
            }
            assigned.Remove(parameter);
        }
    }

    private static IEnumerable<Type> CandidatesFor(Type parameter, Dictionary<Type, Type> assigned, Assembly assembly)
    {
        foreach (var candidate in Candidates)
            yield return candidate;
        var constraints = parameter.GetGenericParameterConstraints().Select(c => Substitute(c, assigned)).OfType<Type>().ToList();
        foreach (var constraint in constraints)
            yield return constraint;
        if (constraints.Count > 0)
        {
            // Only those that also meet the parameter's other constraints (new(), class, struct) count
            // towards the few tried: the order of an assembly's types is no guide.
            foreach (var implementation in Implementations(constraints, assembly).Where(t => Satisfies(parameter, t, assigned)).Take(ImplementationsPerParameter))
                yield return implementation;
        }
        // A constraint that mentions the parameter itself (where T : Base<T>, the "curiously recurring"
        // pattern): the types of the assembly that satisfy it with themselves substituted.
        var recursive = parameter.GetGenericParameterConstraints().Where(c => Mentions(c).Contains(parameter)).ToList();
        if (recursive.Count > 0)
        {
            foreach (var implementation in SelfImplementations(parameter, recursive, assigned, assembly).Take(ImplementationsPerParameter))
                yield return implementation;
        }
    }

    /// <summary>Non-generic types of <paramref name="assembly"/> that satisfy <paramref name="constraints"/> when they stand for <paramref name="parameter"/> themselves.</summary>
    private static IEnumerable<Type> SelfImplementations(Type parameter, List<Type> constraints, Dictionary<Type, Type> assigned, Assembly assembly)
    {
        foreach (var type in TypesOf(assembly))
        {
            if (type.IsInterface || type.IsGenericTypeDefinition || type.ContainsGenericParameters)
                continue;
            var attempt = new Dictionary<Type, Type>(assigned) { [parameter] = type };
            if (constraints.All(c => Substitute(c, attempt) is { } closed && closed.IsAssignableFrom(type)) && Satisfies(parameter, type, attempt))
                yield return type;
        }
    }

    private static Type[] TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return [.. exception.Types.OfType<Type>()];
        }
    }

    /// <summary>Parameters whose constraints mention other parameters come after those.</summary>
    private static Type[] DependencyOrder(Type[] parameters)
    {
        var remaining = parameters.ToList();
        var order = new List<Type>();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(p => p.GetGenericParameterConstraints().All(c => Mentions(c).All(m => m == p || order.Contains(m) || !remaining.Contains(m)))) ?? remaining[0];
            order.Add(next);
            remaining.Remove(next);
        }
        return [.. order];
    }

    private static IEnumerable<Type> Mentions(Type type)
    {
        if (type.IsGenericParameter)
            return [type];
        if (type.HasElementType)
            return Mentions(type.GetElementType()!);
        return type.IsGenericType ? type.GetGenericArguments().SelectMany(Mentions) : [];
    }

    private static bool Satisfies(Type parameter, Type candidate, Dictionary<Type, Type> assigned)
    {
        var attributes = parameter.GenericParameterAttributes;
        if ((attributes & GenericParameterAttributes.ReferenceTypeConstraint) != 0 && candidate.IsValueType)
            return false;
        if ((attributes & GenericParameterAttributes.NotNullableValueTypeConstraint) != 0 && (!candidate.IsValueType || Nullable.GetUnderlyingType(candidate) is not null))
            return false;
        if ((attributes & GenericParameterAttributes.DefaultConstructorConstraint) != 0 && !candidate.IsValueType && (candidate.IsAbstract || candidate.GetConstructor(Type.EmptyTypes) is null))
            return false;
        foreach (var constraint in parameter.GetGenericParameterConstraints())
        {
            // A constraint that mentions a parameter not assigned yet is checked when the type is built.
            if (Substitute(constraint, assigned) is { } closed && !closed.IsAssignableFrom(candidate))
                return false;
        }
        return true;
    }

    /// <summary><paramref name="type"/> with the assigned parameters replaced; null when it mentions one not assigned yet or cannot be built.</summary>
    private static Type? Substitute(Type type, Dictionary<Type, Type> assigned)
    {
        if (type.IsGenericParameter)
            return assigned.GetValueOrDefault(type);
        try
        {
            if (type.IsArray)
            {
                var element = Substitute(type.GetElementType()!, assigned);
                return element is null ? null : type.GetArrayRank() == 1 && type.IsSZArray ? element.MakeArrayType() : element.MakeArrayType(type.GetArrayRank());
            }
            if (!type.IsGenericType || !type.ContainsGenericParameters)
                return type;
            var arguments = type.GetGenericArguments().Select(a => Substitute(a, assigned)).ToArray();
            return arguments.Any(a => a is null) ? null : type.GetGenericTypeDefinition().MakeGenericType(arguments!);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Types of <paramref name="assembly"/> assignable to all <paramref name="targets"/>; generic ones with the arguments that make them so.</summary>
    private static IEnumerable<Type> Implementations(List<Type> targets, Assembly assembly)
    {
        foreach (var type in TypesOf(assembly))
        {
            if (type.IsInterface)
                continue;
            if (!type.IsGenericTypeDefinition)
            {
                if (targets.All(target => target.IsAssignableFrom(type)))
                    yield return type;
                continue;
            }
            if (Infer(type, targets) is { } closed)
                yield return closed;
        }
    }

    /// <summary>The instantiation of the generic <paramref name="definition"/> that derives from or implements every one of <paramref name="targets"/>, if there is one.</summary>
    private static Type? Infer(Type definition, List<Type> targets)
    {
        var supertypes = new List<Type> { definition };
        for (var baseType = definition.BaseType; baseType is not null; baseType = baseType.BaseType)
            supertypes.Add(baseType);
        supertypes.AddRange(definition.GetInterfaces());
        var bindings = new Dictionary<Type, Type>();
        foreach (var target in targets)
        {
            // The first supertype that matches this target given what the earlier targets bound.
            bool matched = false;
            foreach (var supertype in supertypes)
            {
                var attempt = new Dictionary<Type, Type>(bindings);
                if (Unify(supertype, target, attempt))
                {
                    bindings = attempt;
                    matched = true;
                    break;
                }
            }
            if (!matched)
                return null;
        }
        var arguments = definition.GetGenericArguments().Select(p => bindings.GetValueOrDefault(p) ?? typeof(int)).ToArray();
        try
        {
            var closed = definition.MakeGenericType(arguments);
            return targets.All(target => target.IsAssignableFrom(closed)) ? closed : null;
        }
        catch (ArgumentException)
        {
            // The inferred or filled-in arguments violate the definition's own constraints.
            return null;
        }
    }

    private static bool Unify(Type pattern, Type concrete, Dictionary<Type, Type> bindings)
    {
        if (pattern.IsGenericParameter)
        {
            if (bindings.TryGetValue(pattern, out var bound))
                return bound == concrete;
            bindings[pattern] = concrete;
            return true;
        }
        if (pattern.IsArray || concrete.IsArray)
            return pattern.IsArray && concrete.IsArray && pattern.GetArrayRank() == concrete.GetArrayRank() && Unify(pattern.GetElementType()!, concrete.GetElementType()!, bindings);
        if (pattern.IsGenericType && concrete.IsGenericType && pattern.GetGenericTypeDefinition() == concrete.GetGenericTypeDefinition())
            return pattern.GetGenericArguments().Zip(concrete.GetGenericArguments()).All(pair => Unify(pair.First, pair.Second, bindings));
        return pattern == concrete;
    }
}
