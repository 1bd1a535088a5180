import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const safevideoResources: INodePropertyOptions[] = [];

export const safevideoProperties: INodeProperties[] = [];
