// Stand-in for jsr:@std/streams's toArrayBuffer, the only export the runtime uses.
export async function toArrayBuffer(readable: ReadableStream<Uint8Array>): Promise<ArrayBuffer> {
    return await new Response(readable).arrayBuffer();
}
