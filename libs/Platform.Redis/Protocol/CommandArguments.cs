using System.Runtime.CompilerServices;

namespace Platform.Redis.Protocol;

/// <summary>Room for a short command's arguments on the stack, for commands whose length varies with their options.</summary>
[InlineArray(Capacity)]
internal struct CommandArguments
{
    public const int Capacity = 8;

    private RedisArgument _first;
}
