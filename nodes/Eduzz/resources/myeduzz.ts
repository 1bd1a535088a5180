import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const myeduzzResources: INodePropertyOptions[] = [];

export const myeduzzProperties: INodeProperties[] = [];
