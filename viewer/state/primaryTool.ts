/** The tool bound to the left mouse button. */
export type PrimaryTool = 'windowLevel' | 'pan' | 'zoom' | 'crosshairs' | 'vertebralHeight';
