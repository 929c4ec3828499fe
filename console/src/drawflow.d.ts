/** The part of drawflow 0.0.60's API the editor uses (the package ships no types). */
declare module 'drawflow' {
  export default class Drawflow {
    constructor(container: HTMLElement);
    reroute: boolean;
    editor_mode: 'edit' | 'fixed' | 'view';
    canvas_x: number;
    canvas_y: number;
    zoom: number;
    zoom_last_value: number;
    zoom_min: number;
    /** The element Drawflow transforms to pan and zoom (transform-origin: its centre). */
    precanvas: HTMLElement;
    start(): void;
    import(data: unknown): void;
    export(): { drawflow: { Home: { data: Record<string, DrawflowNodeData> } } };
    addNode(
      name: string,
      inputs: number,
      outputs: number,
      x: number,
      y: number,
      className: string,
      data: unknown,
      html: string,
      typenode?: boolean,
    ): number;
    getNodeFromId(id: string | number): DrawflowNodeData;
    updateNodeDataFromId(id: string | number, data: unknown): void;
    addNodeOutput(id: string | number): void;
    removeNodeOutput(id: string | number, outputClass: string): void;
    removeNodeId(id: string): void;
    addConnection(from: string | number, to: string | number, output: string, input: string): void;
    removeSingleConnection(from: string | number, to: string | number, output: string, input: string): void;
    on(event: string, callback: (payload: never) => void): void;
  }
  export interface DrawflowNodeData {
    id: number | string;
    name: string;
    data: Record<string, unknown>;
    class: string;
    html: string;
    inputs: Record<string, { connections: unknown[] }>;
    outputs: Record<string, { connections: unknown[] }>;
    pos_x: number;
    pos_y: number;
  }
}
